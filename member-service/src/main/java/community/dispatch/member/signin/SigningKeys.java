package community.dispatch.member.signin;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The issuer's RSA signing keys, kept in the database so every instance signs with the same key and
 * a restart keeps them. The newest key signs; when it is older than the rotation period a new one is
 * generated and the old one retired — but still published until every token it signed has expired.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration CACHE = Duration.ofMinutes(1);

    private final SignInRecordStore store;
    private final TransactionalOperator transactions;
    private final SignInProperties properties;
    private final Clock clock;
    private final KeySeal seal;
    private volatile Mono<RSAKey> current;
    private volatile Mono<List<RSAKey>> published;

    SigningKeys(SignInRecordStore store, TransactionalOperator transactions, SignInProperties properties, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.seal = new KeySeal(properties.signingKeySecret(), properties.signingKeyPreviousSecret());
        this.current = loadCurrent();
        this.published = loadPublished();
    }

    /** The key that signs now, with its private part. */
    public Mono<RSAKey> current() {
        return current;
    }

    /** The public keys tokens may be signed with: the current one and recently retired ones. */
    public Mono<List<RSAKey>> published() {
        return published;
    }

    /** The published keys, read afresh: for a key id not seen yet (another instance rotated). */
    public Mono<List<RSAKey>> reloadPublished() {
        published = loadPublished();
        return published;
    }

    /** Retires the current key and starts signing with a new one. */
    public Mono<RSAKey> rotate() {
        return transactions.transactional(store.lockSigningKeys().then(Mono.defer(this::insertNewKey)))
                .doOnNext(key -> {
                    current = loadCurrent();
                    reloadPublished();
                });
    }

    private Mono<RSAKey> loadCurrent() {
        return Mono.defer(this::currentOrRotate).cache(key -> CACHE, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    private Mono<RSAKey> currentOrRotate() {
        return transactions.transactional(store.lockSigningKeys()
                .thenMany(store.signingKeys())
                .filter(stored -> seal.needsSealing(stored.getValue()))
                .concatMap(stored -> store.rewriteSigningKey(stored.getKey(), seal.seal(seal.open(stored.getValue()))))
                .then(store.newestSigningKey())
                .filter(key -> key.createdAt().isAfter(clock.instant().minus(properties.keyRotation())))
                .map(stored -> parse(seal.open(stored.jwk())))
                .switchIfEmpty(Mono.defer(this::insertNewKey)));
    }

    private Mono<RSAKey> insertNewKey() {
        // Generating an RSA key takes a while: on a worker thread, not on the event loop of the connection.
        return Mono.fromCallable(SigningKeys::generate).subscribeOn(Schedulers.boundedElastic())
                .flatMap(this::store);
    }

    private Mono<RSAKey> store(RSAKey key) {
        return store.replaceSigningKey(key.getKeyID(), seal.seal(key.toJSONString()), clock.instant())
                .doOnSuccess(inserted -> log.info("New token signing key {}", key.getKeyID()))
                .thenReturn(key);
    }

    private Mono<List<RSAKey>> loadPublished() {
        Duration grace = properties.accessTokenTtl().plus(Duration.ofMinutes(5));
        return Flux.defer(() -> store.publishedSigningKeys(clock.instant().minus(grace)))
                .map(jwk -> parse(seal.open(jwk)).toPublicJWK())
                .collectList()
                .cache(keys -> CACHE, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }

    private static RSAKey parse(String json) {
        try {
            return RSAKey.parse(json);
        }
        catch (ParseException e) {
            throw new IllegalStateException("a stored signing key is unreadable", e);
        }
    }
}
