package community.dispatch.member.signin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * Keeps messages instead of sending them, like a mail catcher, so sign-in with a code can be tried
 * without an SMS provider; admins read them through the API, for an hour. Only where
 * {@code DISPATCH_SMS_SANDBOX=true} (the single-node stack).
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class SmsSandbox implements SmsSender {

    private final SignInRecordStore store;
    private final Clock clock;

    @Override
    public Mono<Void> send(String phone, String text) {
        return store.keepMessage(phone, text, clock.instant());
    }

    /** The newest messages first, optionally for one phone. */
    public Flux<Message> messages(String phone, int limit) {
        return store.messages(phone, limit);
    }

    public record Message(UUID id, @Schema(example = "10000000196") String phone,
            @Schema(example = "【社区派单】登录验证码 482913，5 分钟内有效。请勿告诉他人。") String text, OffsetDateTime sentAt) {
    }
}
