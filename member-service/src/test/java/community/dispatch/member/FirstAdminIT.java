package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.testing.FromTheGateway;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;

/**
 * The first start without an admin password: one is generated, handed over in an owner-only file, and
 * must be changed at the first sign-in — until then the token has no roles and opens nothing an admin
 * may do. Its own context, since the first admin is made when the service starts.
 */
@ServiceIntegrationTest
@Import(MovableClockConfiguration.class)
@TestPropertySource(properties = {
        "dispatch.auth.issuer=" + Accounts.ISSUER,
        "dispatch.auth.signing-key-secret=" + Accounts.SIGNING_KEY_SECRET,
        "dispatch.edge.secret=" + FromTheGateway.SECRET,
        "dispatch.sandbox.texts=true" })
class FirstAdminIT extends MemberServiceTestSupport {

    private static final Path PASSWORD_FILE = passwordFile();

    @DynamicPropertySource
    static void handOverTheGeneratedPassword(DynamicPropertyRegistry registry) {
        registry.add("dispatch.auth.admin-password", () -> "");
        registry.add("dispatch.auth.admin-password-file", PASSWORD_FILE::toString);
    }

    @Test
    void theGeneratedPasswordOpensNothingButItsOwnChange() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(PASSWORD_FILE))).isEqualTo("rw-------");
        String generated = Files.readString(PASSWORD_FILE).trim();

        Map<String, Object> first = accounts.passwordLogin("admin", generated);
        String restricted = (String) first.get("access_token");
        assertThat(first.get("refresh_token")).isNull();
        assertThat(Accounts.claims(restricted)).containsEntry("roles", List.of()).containsEntry("password_change_required", true);
        web.get().uri("/api/v1/members").headers(h -> h.setBearerAuth(restricted)).exchange().expectStatus().isForbidden();
        web.get().uri("/api/v1/audit").headers(h -> h.setBearerAuth(restricted)).exchange().expectStatus().isForbidden();

        web.post().uri("/api/v1/auth/password").headers(h -> h.setBearerAuth(restricted)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", generated, "newPassword", "the-administrators-own-passphrase")).exchange()
                .expectStatus().isNoContent();

        String admin = (String) accounts.passwordLogin("admin", "the-administrators-own-passphrase").get("access_token");
        assertThat(Accounts.claims(admin)).containsEntry("roles", List.of("ADMIN")).doesNotContainKey("password_change_required");
        web.get().uri("/api/v1/audit").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk();
    }

    private static Path passwordFile() {
        try {
            return Files.createTempDirectory("first-admin").resolve("admin-password");
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
