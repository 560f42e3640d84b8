package community.dispatch.member.signin;

import java.time.Instant;

import reactor.core.publisher.Mono;

/** Who is told when an account's password is being guessed past its ceiling ({@link SignInThrottle}): the admins. */
public interface AccountAlarm {

    Mono<Void> raise(String username, Instant at);
}
