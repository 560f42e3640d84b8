package community.dispatch.member.signin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import community.dispatch.errors.DomainException;
import community.dispatch.member.people.Hashing;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Machine clients (municipal systems) registered by admins; their secrets are kept only as hashes. */
@Component
public class Clients {

    public static final String MUNICIPAL_SYSTEM = "MUNICIPAL_SYSTEM";

    private final SignInRecordStore store;
    private final PasswordEncoder passwords;
    private final String noSuchClient;

    Clients(SignInRecordStore store, PasswordEncoder passwords) {
        this.store = store;
        this.passwords = passwords;
        this.noSuchClient = passwords.encode(Secrets.token());
    }

    /** Registers a client; the secret is in the answer and nowhere else. */
    public Mono<RegisteredClient> register(String name) {
        String clientId = "municipal-" + Secrets.token().substring(0, 12).toLowerCase();
        String secret = Secrets.token();
        return Hashing.encode(passwords, secret)
                .flatMap(hash -> store.insertClient(clientId, name, hash, List.of(MUNICIPAL_SYSTEM)))
                .thenReturn(new RegisteredClient(clientId, name, secret, Set.of(MUNICIPAL_SYSTEM), null));
    }

    public Flux<RegisteredClient> list() {
        return store.activeClients();
    }

    /** The client's roles if the secret is right; otherwise a 401 that says nothing more. */
    public Mono<Set<String>> authenticate(String clientId, String secret) {
        return store.activeClient(clientId)
                .filterWhen(stored -> Hashing.matches(passwords, secret, stored.hash()))
                .map(SignInRecordStore.ClientSecret::roles)
                .switchIfEmpty(Mono.defer(() -> Hashing.matches(passwords, secret, noSuchClient)
                        .then(Mono.error(DomainException.unauthenticated("invalid-client",
                                "Unknown client or wrong secret.", Map.of("error", "invalid_client"))))));
    }

    public record RegisteredClient(@Schema(example = "hotline-12345-7f3a") String clientId,
            @Schema(example = "12345 hotline platform") String name,
            @Schema(example = "s3cr3t-Qm9uZ0x5UmFuZG9t", description = "Only in the answer to registering; never shown again") String clientSecret,
            @Schema(example = "[\"MUNICIPAL_SYSTEM\"]") Set<String> roles, OffsetDateTime createdAt) {
    }
}
