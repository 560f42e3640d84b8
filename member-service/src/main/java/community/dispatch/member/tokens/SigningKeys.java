package community.dispatch.member.tokens;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

import community.dispatch.web.tokens.KeySetFetchLimit;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The issuer's RSA signing keys, kept in the database so every instance signs with the same key and
 * a restart keeps them. One key signs; when it has signed for nearly the rotation period a successor is
 * made and published at once, and takes over {@link #PUBLISHED_AHEAD} later — by then every resource
 * server that fetches the key set has it, so a token signed with it is never refused for an unknown key.
 * A retired key is still published until every token it signed has expired.
 */
@Component
public class SigningKeys {

    /**
     * How long a successor key is published before it signs: more than this class's cache of the
     * published keys plus the resource servers' {@link KeySetFetchLimit#INTERVAL}.
     */
    static final Duration PUBLISHED_AHEAD = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration CACHE = Duration.ofMinutes(1);

    private final SigningKeyStore store;
    private final TransactionalOperator transactions;
    private final TokenProperties properties;
    private final Clock clock;
    private final KeySeal seal;
    private volatile Mono<RSAKey> current;
    private volatile Mono<List<RSAKey>> published;
    private volatile Instant publishedReadAt = Instant.MIN;

    SigningKeys(SigningKeyStore store, TransactionalOperator transactions, TokenProperties properties, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        if (properties.keyRotation().compareTo(PUBLISHED_AHEAD.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("dispatch.auth.key-rotation must be at least " + PUBLISHED_AHEAD.multipliedBy(2)
                    + ": a successor key is published " + PUBLISHED_AHEAD + " before it signs");
        }
        this.seal = new KeySeal(properties.signingKeySecret(), properties.signingKeyPreviousSecret());
        this.current = loadCurrent();
        this.published = readPublished();
    }

    /** The key that signs now, with its private part. */
    public Mono<RSAKey> current() {
        return current;
    }

    /** The public keys tokens may be signed with: the current one, its successor and recently retired ones. */
    public Mono<List<RSAKey>> published() {
        return published;
    }

    /**
     * The published keys read afresh, for a key id not among them — but not more than once per
     * {@link KeySetFetchLimit#INTERVAL}: tokens naming made-up keys are refused from what was read last.
     */
    public Mono<List<RSAKey>> rereadPublished() {
        Instant now = clock.instant();
        if (now.isBefore(publishedReadAt.plus(KeySetFetchLimit.INTERVAL))) {
            return published;
        }
        publishedReadAt = now;
        return readPublished();
    }

    /** Retires the current key and its successor at once and starts signing with a new key. */
    public Mono<RSAKey> rotate() {
        return transactions.transactional(store.lockSigningKeys().then(Mono.defer(this::replaceKeys)))
                .doOnNext(key -> {
                    current = loadCurrent();
                    readPublished();
                });
    }

    private Mono<RSAKey> loadCurrent() {
        return Mono.defer(this::currentOrSuccessor).cache(key -> CACHE, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /**
     * The key to sign with: the newest key in use that was published {@link #PUBLISHED_AHEAD} ago (or,
     * on the very first start, the only one). Keys before it are retired; when it nears the end of its
     * rotation period and has no successor yet, one is made.
     */
    private Mono<RSAKey> currentOrSuccessor() {
        Instant now = clock.instant();
        return transactions.transactional(store.lockSigningKeys()
                .thenMany(store.signingKeys())
                .filter(stored -> seal.needsSealing(stored.getValue()))
                .concatMap(stored -> store.rewriteSigningKey(stored.getKey(), seal.seal(seal.open(stored.getValue()))))
                .thenMany(store.unretiredSigningKeys())
                .collectList()
                .flatMap(inUse -> inUse.isEmpty() ? replaceKeys() : signWithNewestPublished(inUse, now)));
    }

    private Mono<RSAKey> signWithNewestPublished(List<SigningKeyStore.StoredKey> newestFirst, Instant now) {
        Turn turn = Turn.at(now, newestFirst, properties.keyRotation());
        return store.retireSigningKeysBefore(turn.signer().createdAt(), now)
                .then(turn.successorDue() ? Mono.defer(() -> newKey().flatMap(key -> publish(key, store.addSigningKey(
                        key.getKeyID(), seal.seal(key.toJSONString()), now)))) : Mono.<RSAKey>empty())
                .then(Mono.fromCallable(() -> parse(seal.open(turn.signer().jwk()))));
    }

    /**
     * Whose turn it is to sign among the keys in use (newest first): the newest published
     * {@link #PUBLISHED_AHEAD} ago — or, when all are younger (the very first start), the oldest. Keys
     * made before it are done. A successor is due once the newest key has signed, or will sign, for the
     * rotation period less {@link #PUBLISHED_AHEAD}.
     */
    record Turn(SigningKeyStore.StoredKey signer, boolean successorDue) {

        static Turn at(Instant now, List<SigningKeyStore.StoredKey> newestFirst, Duration rotation) {
            SigningKeyStore.StoredKey signer = newestFirst.stream()
                    .filter(key -> !key.createdAt().isAfter(now.minus(PUBLISHED_AHEAD)))
                    .findFirst()
                    .orElse(newestFirst.get(newestFirst.size() - 1));
            Instant newest = newestFirst.get(0).createdAt();
            return new Turn(signer, !newest.isAfter(now.minus(rotation).plus(PUBLISHED_AHEAD)));
        }
    }

    /** Retires every key in use and signs with a new one from now on. */
    private Mono<RSAKey> replaceKeys() {
        Instant now = clock.instant();
        return newKey().flatMap(key -> publish(key, store.replaceSigningKey(key.getKeyID(), seal.seal(key.toJSONString()), now)));
    }

    private static Mono<RSAKey> newKey() {
        // Generating an RSA key takes a while: on a worker thread, not on the event loop of the connection.
        return Mono.fromCallable(SigningKeys::generate).subscribeOn(Schedulers.boundedElastic());
    }

    private static Mono<RSAKey> publish(RSAKey key, Mono<Void> stored) {
        return stored.doOnSuccess(done -> log.info("New token signing key {}", key.getKeyID())).thenReturn(key);
    }

    private Mono<List<RSAKey>> readPublished() {
        Duration grace = properties.accessTokenTtl().plus(Duration.ofMinutes(5));
        published = Flux.defer(() -> store.publishedSigningKeys(clock.instant().minus(grace)))
                .map(jwk -> parse(seal.open(jwk)).toPublicJWK())
                .collectList()
                .cache(keys -> CACHE, error -> Duration.ZERO, () -> Duration.ZERO);
        return published;
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
