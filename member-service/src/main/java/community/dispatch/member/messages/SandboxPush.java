package community.dispatch.member.messages;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A push notification the sandbox kept instead of sending. */
public record SandboxPush(UUID id, @Schema(example = "huawei:0a1b2c3d") String device, @Schema(example = "社区派单") String title,
        @Schema(example = "【社区派单】有新的服务请求派给您，请在 14:30 前打开应用接单。") String text, OffsetDateTime sentAt) {
}
