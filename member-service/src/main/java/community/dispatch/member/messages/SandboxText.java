package community.dispatch.member.messages;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A text message the sandbox kept instead of sending. */
public record SandboxText(UUID id, @Schema(example = "10000000196") String phone,
        @Schema(example = "【社区派单】登录验证码 482913，5 分钟内有效。请勿告诉他人。") String text, OffsetDateTime sentAt) {
}
