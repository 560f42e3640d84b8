package community.dispatch.member.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.member.messages.SmsSender;
import community.dispatch.member.people.MemberDirectory;
import community.dispatch.member.tokens.Secrets;
import community.dispatch.web.language.Language;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** One-time codes by text message: asked for, sent to members' phones, and checked. */
@Service
@RequiredArgsConstructor
class SignInCodes {

    private final SignInStore store;
    private final MemberDirectory members;
    private final SmsSender sms;
    private final TransactionalOperator transactions;
    private final SignInProperties properties;
    private final Clock clock;

    /**
     * Asks for a code for the phone: answered as soon as the request is counted and queued, whether or not the phone
     * belongs to anyone, so neither the answer nor its timing tells who is registered ({@link #sendQueuedCodes} texts
     * members their codes). Requests are limited per phone, per client address and in all, which bounds what an
     * attacker can make the community spend on text messages.
     */
    Mono<Void> requestCode(String phone, String clientAddress, Language language) {
        Instant now = clock.instant();
        Instant since = now.minus(properties.window());
        return transactions.transactional(store.countCodeRequest("phone:" + phone, now, since)
                        .zipWith(store.countCodeRequest("address:" + clientAddress, now, since))
                        .zipWith(store.countCodeRequest("all", now, since),
                                (perPhoneAndAddress, inAll) -> perPhoneAndAddress.getT1() > properties.codeRequests()
                                        ? "Too many codes asked for this phone; wait a while."
                                        : perPhoneAndAddress.getT2() > properties.codeRequestsPerAddress()
                                        ? "Too many codes asked from your network; wait a while."
                                        : inAll > properties.codeRequestsInAll()
                                        ? "Too many codes are being asked for just now; wait a while." : "")
                        .flatMap(refusal -> refusal.isEmpty() ? store.queueCode(phone, language, now)
                                : Mono.error(SignInThrottle.tooMany("too-many-code-requests", refusal, properties.window().toSeconds()))));
    }

    /**
     * One round of the code sender: takes up to {@code limit} queued requests; a member's phone gets a new code by
     * text message, anyone else's request is dropped. Answers how many requests it took.
     */
    Mono<Long> sendQueuedCodes(Instant now, int limit) {
        return transactions.transactional(store.claimCodeDeliveries(limit)
                .concatMap(delivery -> members.findActiveByPhone(delivery.phone())
                        .flatMap(member -> {
                            UUID id = UUID.randomUUID();
                            String code = Secrets.digits(6);
                            return store.insertCode(id, delivery.phone(), codeHash(id, delivery.phone(), code), now,
                                            now.plus(properties.codeTtl()))
                                    .then(sms.send(delivery.phone(), SignInCodeText.of(delivery.language(), code, properties.codeTtl())));
                        })
                        .thenReturn(delivery))
                .count());
    }

    /** When the first code request queued after {@code after} came in: the sender's next round is due then. */
    Mono<Instant> codeQueuedAfter(Instant after) {
        return store.codeDeliveryAfter(after);
    }

    /** Marks the newest live code used if it matches; otherwise counts the attempt against it. */
    Mono<Boolean> check(String phone, String code) {
        Instant now = clock.instant();
        return store.lockLiveCode(phone, now)
                .flatMap(live -> {
                    boolean matches = live.attempts() < properties.codeAttempts()
                            && Secrets.sameDigest(live.hash(), codeHash(live.id(), phone, code));
                    return (matches ? store.useCode(live.id(), now) : store.countAttempt(live.id())).thenReturn(matches);
                })
                .defaultIfEmpty(false);
    }

    private static String codeHash(UUID codeId, String phone, String code) {
        return Secrets.sha256(codeId + ":" + phone + ":" + code);
    }
}
