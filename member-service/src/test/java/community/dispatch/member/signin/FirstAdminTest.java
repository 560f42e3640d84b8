package community.dispatch.member.signin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class FirstAdminTest {

    /** A weak DISPATCH_ADMIN_PASSWORD stops the start: it is refused, never used. */
    @ParameterizedTest
    @ValueSource(strings = { "admin", "password123", "aaaaaaaaaaaaaaaa", "abababababababab" })
    void aWeakConfiguredPasswordIsRefusedAtStart(String weak) {
        SignInProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "dispatch.auth.issuer", "http://localhost:8080", "dispatch.auth.admin-password", weak)))
                .bind("dispatch.auth", SignInProperties.class).get();
        FirstAdmin firstAdmin = new FirstAdmin(null, null, properties, null);

        assertThatThrownBy(() -> firstAdmin.run(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DISPATCH_ADMIN_PASSWORD is too weak");
    }
}
