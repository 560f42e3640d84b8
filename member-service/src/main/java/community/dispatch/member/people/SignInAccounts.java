package community.dispatch.member.people;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * What sign-in keeps of a member that the register acts on: the password a new member signs in with, and the
 * sessions a suspended member loses. Sign-in implements it, so the register never reaches into sign-in's tables.
 */
public interface SignInAccounts {

    /** Sets the password a new member signs in with; call inside the registration's transaction. */
    Mono<Void> setFirstPassword(UUID member, String password);

    /** Ends the member's sessions: every refresh token they hold is revoked. */
    Mono<Void> endSessions(UUID member);
}
