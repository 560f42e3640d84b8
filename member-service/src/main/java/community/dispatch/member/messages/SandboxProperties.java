package community.dispatch.member.messages;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dispatch.sandbox}: which outbound messages are kept in the {@link MessageSandbox} instead of sent — text
 * messages ({@code DISPATCH_SMS_SANDBOX}), push notifications ({@code DISPATCH_PUSH_SANDBOX}); the single-node stack
 * keeps both — and for how long admins can read them.
 */
@ConfigurationProperties("dispatch.sandbox")
public record SandboxProperties(@DefaultValue("false") boolean texts, @DefaultValue("false") boolean pushes,
        @DefaultValue("1h") Duration keep) {
}
