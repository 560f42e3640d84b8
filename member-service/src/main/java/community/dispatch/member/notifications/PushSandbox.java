package community.dispatch.member.notifications;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * Keeps push notifications instead of sending them, as the SMS sandbox keeps texts: admins read them through
 * the API, for an hour. Only where {@code DISPATCH_PUSH_SANDBOX=true} (the single-node stack).
 */
@RequiredArgsConstructor
class PushSandbox implements PushSender {

    private final NotificationStore store;
    private final Clock clock;

    @Override
    public Mono<Void> push(String device, String title, String text) {
        return store.keepPush(device, title, text, clock.instant());
    }

    Flux<Message> messages(String device, int limit) {
        return store.pushes(device, limit);
    }

    record Message(UUID id, @Schema(example = "huawei:0a1b2c3d") String device, @Schema(example = "社区派单") String title,
            @Schema(example = "【社区派单】有新的服务请求派给您，请在 14:30 前打开应用接单。") String text, OffsetDateTime sentAt) {
    }
}
