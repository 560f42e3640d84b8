package community.dispatch.gateway.console;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

import community.dispatch.web.client.EdgeSeal;

/**
 * The console's session cookie: the {@link ConsoleSession} sealed with AES-GCM under a key derived from the
 * edge secret, so every gateway instance opens what any of them sealed, and nobody else can read or forge
 * one. HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), only under
 * {@code /console}, Secure whenever the console is served over HTTPS (or told it is, behind a proxy that ends
 * TLS), and gone when the browser closes.
 */
final class SessionCookie {

    static final String NAME = "console_session";

    private static final String PATH = "/console";
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final boolean alwaysSecure;
    private final SecureRandom random = new SecureRandom();

    /** {@code alwaysSecure}: the console is reached over HTTPS ended in front of the gateway (an ingress). */
    SessionCookie(EdgeSeal edge, boolean alwaysSecure) {
        this.alwaysSecure = alwaysSecure;
        // A key of its own: the edge secret's HMAC of a label, never the secret itself.
        this.key = new SecretKeySpec(Base64.getUrlDecoder().decode(edge.seal("console-session-key-" + VERSION)), "AES");
    }

    ResponseCookie of(ConsoleSession session, ServerWebExchange exchange) {
        return base(exchange, seal(session)).build();
    }

    ResponseCookie cleared(ServerWebExchange exchange) {
        return base(exchange, "").maxAge(Duration.ZERO).build();
    }

    Optional<ConsoleSession> read(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getRequest().getCookies().getFirst(NAME)).flatMap(cookie -> open(cookie.getValue()));
    }

    String seal(ConsoleSession session) {
        String plain = String.join("\n", VERSION, session.accessToken(), session.refreshToken(),
                Long.toString(session.accessExpiresAt().getEpochSecond()));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has AES/GCM", e);
        }
    }

    /** The session in a cookie value; empty when it was not sealed by a gateway with this secret, or is damaged. */
    Optional<ConsoleSession> open(String value) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(value);
            if (bytes.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            String[] parts = new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
                    StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            return Optional.of(new ConsoleSession(parts[1], parts[2], Instant.ofEpochSecond(Long.parseLong(parts[3]))));
        }
        catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private ResponseCookie.ResponseCookieBuilder base(ServerWebExchange exchange, String value) {
        return ResponseCookie.from(NAME, value).path(PATH).httpOnly(true).sameSite("Strict")
                .secure(alwaysSecure || "https".equals(exchange.getRequest().getURI().getScheme()));
    }
}
