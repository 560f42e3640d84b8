package community.dispatch.member.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.member.tokens.Hashing;
import community.dispatch.kit.security.Caller;
import community.dispatch.member.people.domain.Member;
import community.dispatch.member.people.MemberDirectory;
import community.dispatch.member.people.domain.Role;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Mono;
import community.dispatch.member.tokens.TokenIssuer;
import community.dispatch.member.tokens.TokenResponse;
import community.dispatch.member.tokens.Secrets;

/**
 * Every way to get tokens: a username and password (staff, admins), a phone and a one-time code
 * (residents, volunteers), a refresh token (rotating; reuse revokes the family) and client
 * credentials (municipal systems). Failures that count against a limit are committed even though
 * the call fails.
 */
@Service
public class SignIn {

    private static final String GATEWAY = "gateway";
    private static final String MEMBER_SERVICE = "member-service";

    /** Marks a token given only so that its holder changes their password. */
    static final String PASSWORD_CHANGE_REQUIRED_CLAIM = "password_change_required";

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    private final MemberDirectory members;
    private final CredentialStore credentials;
    private final SignInCodes codes;
    private final TokenIssuer issuer;
    private final SignInThrottle throttle;
    private final PasswordEncoder passwords;
    private final SignInStore store;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final SignInProperties properties;
    private final AuditTrail audit;
    /** Compared against when a username is unknown, so both cases take as long. */
    private final String noSuchUser;

    SignIn(MemberDirectory members, CredentialStore credentials, SignInCodes codes, TokenIssuer issuer,
            SignInThrottle throttle, PasswordEncoder passwords, SignInStore store, TransactionalOperator transactions,
            SignInProperties properties, Clock clock, AuditTrail audit) {
        this.members = members;
        this.credentials = credentials;
        this.codes = codes;
        this.issuer = issuer;
        this.throttle = throttle;
        this.passwords = passwords;
        this.store = store;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.audit = audit;
        this.noSuchUser = passwords.encode(Secrets.token());
    }

    /**
     * Signs in with a password; attempts count per user and client address (the gateway's,
     * {@link community.dispatch.web.client.ClientAddresses}), and per account ({@link SignInThrottle}).
     */
    public Mono<TokenResponse> withPassword(String username, String password, String clientAddress) {
        SignInThrottle.Attempt attempt = SignInThrottle.Attempt.password(username, clientAddress);
        return throttle.attempt(attempt)
                .flatMap(counted -> credentials.ofActiveUsername(username)
                        .filterWhen(found -> found.passwordHash() == null ? Mono.just(false)
                                : Hashing.matches(passwords, password, found.passwordHash()))
                        .switchIfEmpty(Mono.defer(() -> Hashing.matches(passwords, password, noSuchUser)
                                .then(Mono.error(invalid("invalid-credentials", "The username or password is wrong.")))))
                        .flatMap(found -> throttle.succeeded(attempt, counted).thenReturn(found)))
                .flatMap(found -> members.find(found.memberId()).flatMap(member -> found.passwordChangeRequired()
                        ? onlyToChangeThePassword(member) : tokensFor(member, UUID.randomUUID(), sessionEnd())));
    }

    /**
     * A token for a member who must change their password first: meant for member-service only and
     * without roles, so it opens nothing but what any signed-in member may do there — changing the
     * password ({@code POST /api/v1/auth/password}), which ends this sign-in; the next one gets the
     * member's roles. No refresh token.
     */
    private Mono<TokenResponse> onlyToChangeThePassword(Member member) {
        return issuer.accessToken(member.id().toString(), List.of(GATEWAY, MEMBER_SERVICE), List.of(),
                        Map.of(PASSWORD_CHANGE_REQUIRED_CLAIM, true))
                .map(token -> new TokenResponse(token, "Bearer", issuer.accessTokenSeconds(), null));
    }

    /** An admin lifts a user's lockouts from every client, and the account's slowing; audited. */
    public Mono<Void> unlock(Caller admin, String username) {
        return throttle.unlockUser(username)
                .flatMap(forgotten -> audit.done(admin, "signin.unlocked", username, null, Map.<String, Object>of("failuresForgotten", forgotten)));
    }

    /** An admin lifts a phone's code lockouts from every client; audited (the phone itself is not written down). */
    public Mono<Void> unlockPhone(Caller admin, String phone) {
        return throttle.unlockPhone(phone)
                .flatMap(forgotten -> audit.done(admin, "signin.phone-unlocked", "phone:" + Secrets.sha256(phone).substring(0, 12),
                        null, Map.<String, Object>of("failuresForgotten", forgotten)));
    }

    /** Signs out: the refresh token's whole sign-in ends, if it is the caller's. Answers alike either way. */
    public Mono<Void> signOut(Caller caller, String refreshToken) {
        Instant now = clock.instant();
        return transactions.transactional(store.lockRefresh(Secrets.sha256(refreshToken), now)
                .filter(stored -> caller.is(stored.memberId()))
                .flatMap(stored -> store.revokeFamily(stored.familyId(), now)));
    }

    /**
     * Signs in with a phone's code. Wrong codes count against the code (it dies after {@code code-attempts}) and
     * against the phone from this client address (progressive delays, then a lockout) — never against the phone
     * as such, so a guesser elsewhere cannot keep the owner's right, live code from working.
     */
    public Mono<TokenResponse> withCode(String phone, String code, String clientAddress) {
        SignInThrottle.Attempt attempt = SignInThrottle.Attempt.code(phone, clientAddress);
        return throttle.attempt(attempt)
                .flatMap(counted -> transactions.transactional(codes.check(phone, code))
                        .flatMap(accepted -> accepted
                                ? throttle.succeeded(attempt, counted).then(members.findActiveByPhone(phone))
                                : Mono.error(invalid("invalid-code", "The code is wrong, used or expired; ask for a new one."))))
                .switchIfEmpty(Mono.error(() -> invalid("invalid-code", "The code is wrong, used or expired; ask for a new one.")))
                .flatMap(member -> tokensFor(member, UUID.randomUUID(), sessionEnd()));
    }

    /**
     * Trades a refresh token for new tokens. A token is good once: presenting a used or revoked one
     * means it leaked, so its whole family (every token of that sign-in) is revoked.
     */
    public Mono<TokenResponse> refresh(String refreshToken) {
        String hash = Secrets.sha256(refreshToken);
        Instant now = clock.instant();
        return transactions.transactional(store.lockRefresh(hash, now)
                        .flatMap(stored -> {
                            if (stored.spent()) {
                                return Logged.line(() -> log.warn("Refresh token reused; revoking its family {}", stored.familyId()))
                                        .then(store.revokeFamily(stored.familyId(), now))
                                        .thenReturn(Optional.<TokenResponse>empty());
                            }
                            if (stored.expired()) {
                                return Mono.just(Optional.<TokenResponse>empty());
                            }
                            return store.useRefresh(hash, now)
                                    .then(members.find(stored.memberId()))
                                    .filter(Member::active)
                                    .flatMap(member -> tokensFor(member, stored.familyId(), stored.expiresAt()))
                                    .map(Optional::of)
                                    .defaultIfEmpty(Optional.empty());
                        })
                        .defaultIfEmpty(Optional.empty()))
                .flatMap(tokens -> Mono.justOrEmpty(tokens)
                        .switchIfEmpty(Mono.error(() -> invalid("invalid-grant", "The refresh token is not valid; sign in again."))));
    }

    /** An access token for a machine client; clients get no refresh token. */
    public Mono<TokenResponse> forClient(String clientId, Set<String> roles) {
        return issuer.accessToken(clientId, properties.clientAudiences(), roles, Map.of("client_id", clientId))
                .map(token -> new TokenResponse(token, "Bearer", issuer.accessTokenSeconds(), null));
    }

    /** When a sign-in made now ends: refreshing never moves it (an absolute session lifetime). */
    private Instant sessionEnd() {
        return clock.instant().plus(properties.refreshTokenTtl());
    }

    private Mono<TokenResponse> tokensFor(Member member, UUID familyId, Instant sessionEnds) {
        Map<String, Object> claims = new HashMap<>();
        if (member.home() != null) {
            putIfPresent(claims, "compound", member.home().compoundCode());
            putIfPresent(claims, "grid", member.home().gridCode());
            putIfPresent(claims, "building", member.home().building());
        }
        String refreshToken = Secrets.token();
        List<String> roles = member.roles().stream().map(Role::name).sorted().collect(Collectors.toList());
        Mono<List<String>> served = member.roles().contains(Role.GRID_WORKER)
                ? members.gridsServedBy(member.id()).collectList() : Mono.just(List.of());
        return store.insertRefresh(Secrets.sha256(refreshToken), familyId, member.id(), sessionEnds)
                .then(served)
                .flatMap(grids -> {
                    if (!grids.isEmpty()) {
                        claims.put(Caller.SERVED_GRIDS_CLAIM, grids);
                    }
                    return issuer.accessToken(member.id().toString(), properties.memberAudiences(), roles, claims);
                })
                .map(access -> new TokenResponse(access, "Bearer", issuer.accessTokenSeconds(), refreshToken));
    }

    private static void putIfPresent(Map<String, Object> claims, String name, String value) {
        if (value != null) {
            claims.put(name, value);
        }
    }

    static DomainException invalid(String code, String detail) {
        return DomainException.invalid(code, detail, Map.of("error", "invalid_grant"));
    }
}
