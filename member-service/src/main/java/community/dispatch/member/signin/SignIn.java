package community.dispatch.member.signin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.member.people.Hashing;
import community.dispatch.member.people.Member;
import community.dispatch.member.people.MemberStore;
import community.dispatch.member.people.Role;
import reactor.core.publisher.Mono;

/**
 * Every way to get tokens: a username and password (staff, admins), a phone and a one-time code
 * (residents, volunteers), a refresh token (rotating; reuse revokes the family) and client
 * credentials (municipal systems). Failures that count against a limit are committed even though
 * the call fails.
 */
@Service
public class SignIn {

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    private final MemberStore members;
    private final TokenIssuer issuer;
    private final SignInThrottle throttle;
    private final SmsSender sms;
    private final PasswordEncoder passwords;
    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final SignInProperties properties;
    /** Compared against when a username is unknown, so both cases take as long. */
    private final String noSuchUser;

    public SignIn(MemberStore members, TokenIssuer issuer, SignInThrottle throttle, SmsSender sms,
            PasswordEncoder passwords, DatabaseClient database, TransactionalOperator transactions,
            SignInProperties properties) {
        this.members = members;
        this.issuer = issuer;
        this.throttle = throttle;
        this.sms = sms;
        this.passwords = passwords;
        this.database = database;
        this.transactions = transactions;
        this.properties = properties;
        this.noSuchUser = passwords.encode(Secrets.token());
    }

    public Mono<TokenResponse> withPassword(String username, String password) {
        String identity = "user:" + username;
        return throttle.requireNotLocked(identity)
                .then(members.findActiveByUsername(username)
                        .filterWhen(credentials -> credentials.passwordHash() == null ? Mono.just(false)
                                : Hashing.matches(passwords, password, credentials.passwordHash()))
                        .map(MemberStore.Credentials::member)
                        .switchIfEmpty(Mono.defer(() -> Hashing.matches(passwords, password, noSuchUser)
                                .then(throttle.recordFailure(identity))
                                .then(Mono.error(invalid("invalid-credentials", "The username or password is wrong."))))))
                .flatMap(member -> throttle.clear(identity).then(tokensFor(member, UUID.randomUUID())));
    }

    /**
     * Sends a code to an active member's phone. Answers the same whether or not the phone belongs to
     * anyone, so the endpoint does not reveal who is registered.
     */
    public Mono<Void> requestCode(String phone) {
        return database.sql("""
                        SELECT count(*) AS recent FROM login_code
                        WHERE phone = :phone AND created_at > now() - make_interval(secs => :window)""")
                .bind("phone", phone).bind("window", properties.window().toSeconds())
                .map(row -> row.get("recent", Long.class)).one()
                .flatMap(recent -> recent >= properties.codeRequests()
                        ? Mono.error(SignInThrottle.tooMany("too-many-code-requests",
                                "Too many codes asked for this phone; wait a while.", properties.window().toSeconds()))
                        : Mono.empty())
                .then(members.findActiveByPhone(phone))
                .flatMap(member -> {
                    UUID id = UUID.randomUUID();
                    String code = Secrets.digits(6);
                    return transactions.transactional(database.sql("""
                                    INSERT INTO login_code (id, phone, code_hash, expires_at)
                                    VALUES (:id, :phone, :hash, now() + make_interval(secs => :ttl))""")
                            .bind("id", id).bind("phone", phone).bind("hash", codeHash(id, phone, code))
                            .bind("ttl", properties.codeTtl().toSeconds())
                            .fetch().rowsUpdated()
                            .then(sms.send(phone, "【社區派單 community-dispatch】登錄驗證碼 " + code + "，"
                                    + properties.codeTtl().toMinutes() + " 分鐘內有效。Your sign-in code is " + code + ".")));
                })
                .then();
    }

    public Mono<TokenResponse> withCode(String phone, String code) {
        String identity = "phone:" + phone;
        return throttle.requireNotLocked(identity)
                .then(transactions.transactional(checkCode(phone, code)))
                .flatMap(accepted -> accepted
                        ? throttle.clear(identity).then(members.findActiveByPhone(phone))
                        : throttle.recordFailure(identity).then(Mono.error(invalid("invalid-code",
                                "The code is wrong, used or expired; ask for a new one."))))
                .switchIfEmpty(Mono.error(() -> invalid("invalid-code", "The code is wrong, used or expired; ask for a new one.")))
                .flatMap(member -> tokensFor(member, UUID.randomUUID()));
    }

    /** Marks the newest live code used if it matches; otherwise counts the attempt against it. */
    private Mono<Boolean> checkCode(String phone, String code) {
        return database.sql("""
                        SELECT id, code_hash, attempts FROM login_code
                        WHERE phone = :phone AND used_at IS NULL AND expires_at > now()
                        ORDER BY created_at DESC LIMIT 1
                        FOR UPDATE""")
                .bind("phone", phone)
                .map(row -> new LiveCode(row.get("id", UUID.class), row.get("code_hash", String.class),
                        row.get("attempts", Integer.class)))
                .one()
                .flatMap(live -> {
                    boolean matches = live.attempts() < properties.codeAttempts()
                            && Secrets.sameDigest(live.hash(), codeHash(live.id(), phone, code));
                    String update = matches ? "UPDATE login_code SET used_at = now() WHERE id = :id"
                            : "UPDATE login_code SET attempts = attempts + 1 WHERE id = :id";
                    return database.sql(update).bind("id", live.id()).fetch().rowsUpdated().thenReturn(matches);
                })
                .defaultIfEmpty(false);
    }

    /**
     * Trades a refresh token for new tokens. A token is good once: presenting a used or revoked one
     * means it leaked, so its whole family (every token of that sign-in) is revoked.
     */
    public Mono<TokenResponse> refresh(String refreshToken) {
        String hash = Secrets.sha256(refreshToken);
        return transactions.transactional(database.sql("""
                                SELECT family_id, member_id, used_at IS NOT NULL OR revoked_at IS NOT NULL AS spent,
                                       expires_at < now() AS expired
                                FROM refresh_token WHERE token_hash = :hash FOR UPDATE""")
                        .bind("hash", hash)
                        .map(row -> new StoredRefresh(row.get("family_id", UUID.class), row.get("member_id", UUID.class),
                                Boolean.TRUE.equals(row.get("spent", Boolean.class)),
                                Boolean.TRUE.equals(row.get("expired", Boolean.class))))
                        .one()
                        .flatMap(stored -> {
                            if (stored.spent()) {
                                log.warn("Refresh token reused; revoking its family {}", stored.familyId());
                                return database.sql("UPDATE refresh_token SET revoked_at = now() WHERE family_id = :family AND revoked_at IS NULL")
                                        .bind("family", stored.familyId()).fetch().rowsUpdated()
                                        .thenReturn(Optional.<TokenResponse>empty());
                            }
                            if (stored.expired()) {
                                return Mono.just(Optional.<TokenResponse>empty());
                            }
                            return database.sql("UPDATE refresh_token SET used_at = now() WHERE token_hash = :hash")
                                    .bind("hash", hash).fetch().rowsUpdated()
                                    .then(members.findById(stored.memberId()))
                                    .filter(Member::active)
                                    .flatMap(member -> tokensFor(member, stored.familyId()))
                                    .map(Optional::of)
                                    .defaultIfEmpty(Optional.empty());
                        })
                        .defaultIfEmpty(Optional.empty()))
                .flatMap(tokens -> Mono.justOrEmpty(tokens)
                        .switchIfEmpty(Mono.error(() -> invalid("invalid-grant", "The refresh token is not valid; sign in again."))));
    }

    /** An access token for a machine client; clients get no refresh token. */
    public Mono<TokenResponse> forClient(String clientId, Set<String> roles) {
        return issuer.accessToken(clientId, roles, Map.of("client_id", clientId))
                .map(token -> new TokenResponse(token, "Bearer", issuer.accessTokenSeconds(), null));
    }

    private Mono<TokenResponse> tokensFor(Member member, UUID familyId) {
        Map<String, Object> claims = new HashMap<>();
        if (member.home() != null) {
            putIfPresent(claims, "compound", member.home().compoundCode());
            putIfPresent(claims, "grid", member.home().gridCode());
        }
        String refreshToken = Secrets.token();
        List<String> roles = member.roles().stream().map(Role::name).sorted().collect(Collectors.toList());
        return database.sql("""
                        INSERT INTO refresh_token (token_hash, family_id, member_id, expires_at)
                        VALUES (:hash, :family, :member, now() + make_interval(secs => :ttl))""")
                .bind("hash", Secrets.sha256(refreshToken)).bind("family", familyId).bind("member", member.id())
                .bind("ttl", properties.refreshTokenTtl().toSeconds())
                .fetch().rowsUpdated()
                .then(issuer.accessToken(member.id().toString(), roles, claims))
                .map(access -> new TokenResponse(access, "Bearer", issuer.accessTokenSeconds(), refreshToken));
    }

    private static void putIfPresent(Map<String, Object> claims, String name, String value) {
        if (value != null) {
            claims.put(name, value);
        }
    }

    private static String codeHash(UUID codeId, String phone, String code) {
        return Secrets.sha256(codeId + ":" + phone + ":" + code);
    }

    static DomainException invalid(String code, String detail) {
        return DomainException.invalid(code, detail, Map.of("error", "invalid_grant"));
    }

    private record LiveCode(UUID id, String hash, int attempts) {
    }

    private record StoredRefresh(UUID familyId, UUID memberId, boolean spent, boolean expired) {
    }
}
