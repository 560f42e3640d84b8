package community.dispatch.member.clients;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.events.member.MunicipalSystemRegistered;
import community.dispatch.events.member.MunicipalSystemRetired;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.kit.security.Caller;
import community.dispatch.member.tokens.Hashing;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import community.dispatch.member.tokens.Secrets;

/** Machine clients (municipal systems) registered by admins; their secrets are kept only as hashes. */
@Component
public class Clients {

    public static final String MUNICIPAL_SYSTEM = "MUNICIPAL_SYSTEM";

    private final ClientStore store;
    private final PasswordEncoder passwords;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final String noSuchClient;

    Clients(ClientStore store, PasswordEncoder passwords, Outbox outbox, AuditTrail audit, TransactionalOperator transactions) {
        this.store = store;
        this.passwords = passwords;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = transactions;
        this.noSuchClient = passwords.encode(Secrets.token());
    }

    /**
     * An admin registers a client; the secret is in the answer and nowhere else. The registration is
     * audited and published ({@link MunicipalSystemRegistered}), so request-service takes the system's tickets.
     */
    public Mono<RegisteredClient> register(String name, Caller admin) {
        String clientId = "municipal-" + Secrets.token().substring(0, 12).toLowerCase();
        String secret = Secrets.token();
        return Hashing.encode(passwords, secret)
                .flatMap(hash -> transactions.transactional(store.insertClient(clientId, name, hash, List.of(MUNICIPAL_SYSTEM))
                        .then(outbox.record(new MunicipalSystemRegistered(clientId, name)))
                        .then(audit.done(admin, "client.registered", clientId, null, Map.of("name", name)))))
                .thenReturn(new RegisteredClient(clientId, name, secret, Set.of(MUNICIPAL_SYSTEM), null));
    }

    /**
     * An admin retires a client: its secret stops working at once (tokens already issued run out within
     * the access-token lifetime) and request-service stops taking its tickets. Audited; 404 for an
     * unknown or already retired client.
     */
    public Mono<Void> retire(String clientId, Caller admin) {
        return transactions.transactional(store.retireClient(clientId)
                .flatMap(retired -> retired
                        ? outbox.record(new MunicipalSystemRetired(clientId))
                                .then(audit.done(admin, "client.retired", clientId, null, null))
                        : Mono.error(DomainException.notFound("client-not-found", "There is no active client " + clientId + "."))));
    }

    public Flux<RegisteredClient> list() {
        return store.activeClients();
    }

    /** The client's roles if the secret is right; otherwise a 401 that says nothing more. */
    public Mono<Set<String>> authenticate(String clientId, String secret) {
        return store.activeClient(clientId)
                .filterWhen(stored -> Hashing.matches(passwords, secret, stored.hash()))
                .map(ClientStore.ClientSecret::roles)
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
