package community.dispatch.member.signin;

import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.kit.security.Caller;
import community.dispatch.member.people.SignInAccounts;
import community.dispatch.member.tokens.Hashing;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** A member's way in: their password, and their sessions. */
@Service
@RequiredArgsConstructor
class Accounts implements SignInAccounts {

    static final int MIN_PASSWORD_LENGTH = 12;

    private final CredentialStore credentials;
    private final SignInStore store;
    private final SignInThrottle throttle;
    private final PasswordEncoder passwords;
    private final TransactionalOperator transactions;
    private final AuditTrail audit;

    @Override
    public Mono<Void> setFirstPassword(UUID member, String password) {
        return Hashing.encode(passwords, password).flatMap(hash -> credentials.setPasswordHash(member, hash));
    }

    @Override
    public Mono<Void> endSessions(UUID member) {
        return store.endSessions(member);
    }

    /**
     * The member changes their password: the current one must be right (failures count towards the
     * lockout), the new one at least {@value #MIN_PASSWORD_LENGTH} characters; every session ends.
     */
    Mono<Void> changePassword(Caller caller, String current, String replacement) {
        UUID member = caller.memberId();
        if (replacement.length() < MIN_PASSWORD_LENGTH || replacement.equals(current)) {
            return Mono.error(DomainException.invalidField("newPassword",
                    "at least " + MIN_PASSWORD_LENGTH + " characters, and not the current one"));
        }
        SignInThrottle.Attempt attempt = SignInThrottle.Attempt.of("member:" + member);
        return throttle.attempt(attempt)
                .flatMap(counted -> credentials.passwordHashOf(member)
                        .filterWhen(hash -> Hashing.matches(passwords, current, hash))
                        .switchIfEmpty(Mono.error(() -> DomainException.invalid("invalid-credentials", "The current password is wrong.")))
                        .then(Hashing.encode(passwords, replacement))
                        .flatMap(hash -> transactions.transactional(credentials.setPasswordHash(member, hash)
                                .then(store.endSessions(member))
                                .then(audit.done(caller, "member.password-changed", member.toString(), null, null))))
                        .then(throttle.succeeded(attempt, counted)));
    }
}
