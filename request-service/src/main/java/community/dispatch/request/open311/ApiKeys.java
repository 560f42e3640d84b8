package community.dispatch.request.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Open311 api_keys: an admin issues one to a registered municipal system (the client member-service
 * registered), the key is shown once, and it works until revoked or until the system is retired.
 */
@Service
class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyStore store;
    private final Clock clock;

    ApiKeys(ApiKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new key and what admins see of it later; the key itself is in the answer only. */
    record NewKey(String apiKey, IssuedKey issued) {
    }

    Mono<NewKey> issue(String clientId, Caller admin) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        UUID id = UUID.randomUUID();
        return store.registeredSystem(clientId)
                .switchIfEmpty(Mono.error(() -> DomainException.invalidField("clientId",
                        "is not a registered municipal system (admins register them at POST /api/v1/auth/clients)")))
                .flatMap(name -> store.insert(id, clientId, hash(key), key.substring(key.length() - 4), clock.instant(),
                        admin.subject()))
                .then(store.find(id))
                .doOnEach(Logged.onNext(issued -> log.info("Open311 api_key {} issued to {} by {}", id, clientId, admin.subject())))
                .map(issued -> new NewKey(key, issued));
    }

    Flux<IssuedKey> all() {
        return store.all();
    }

    Mono<Void> revoke(UUID id, Caller admin) {
        return store.revoke(id, clock.instant())
                .flatMap(revoked -> revoked ? Mono.<Void>empty()
                        : Mono.error(DomainException.notFound("api-key-not-found", "There is no live api_key " + id + ".")))
                .then(Logged.line(() -> log.info("Open311 api_key {} revoked by {}", id, admin.subject())));
    }

    /** The municipal system a key belongs to, or empty for a key that is unknown, revoked or of a retired system. */
    Mono<String> clientOf(String apiKey) {
        return apiKey == null || apiKey.isBlank() ? Mono.empty() : store.clientOf(hash(apiKey));
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
