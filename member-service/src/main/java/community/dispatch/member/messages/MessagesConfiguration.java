package community.dispatch.member.messages;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import community.dispatch.kit.retention.RetentionRule;
import community.dispatch.kit.retention.RetentionRules;

/** How messages leave: kept in the sandbox where asked for, otherwise through the providers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SmsProperties.class, SandboxProperties.class })
class MessagesConfiguration {

    /** Text messages kept for admins to read, where asked for. */
    @Bean
    @ConditionalOnProperty(name = "dispatch.sandbox.texts", havingValue = "true")
    SmsSender sandboxedTexts(MessageSandbox sandbox) {
        return sandbox::keepText;
    }

    /** Everywhere else text messages go to the SMS provider; the service does not start without one. */
    @Bean
    @ConditionalOnProperty(name = "dispatch.sandbox.texts", havingValue = "false", matchIfMissing = true)
    SmsSender httpSmsSender(WebClient.Builder builder, SmsProperties sms) {
        if (sms.url() == null) {
            throw new IllegalStateException("No SMS provider: set DISPATCH_SMS_URL (and DISPATCH_SMS_TOKEN), "
                    + "or DISPATCH_SMS_SANDBOX=true to keep messages in the sandbox instead");
        }
        return new HttpSmsSender(builder, sms);
    }

    /** Push notifications kept for admins to read, where asked for; elsewhere a provider's {@link PushSender}. */
    @Bean
    @ConditionalOnProperty(name = "dispatch.sandbox.pushes", havingValue = "true")
    PushSender sandboxedPushes(MessageSandbox sandbox) {
        return sandbox::keepPush;
    }

    @Bean
    RetentionRules messageTables(SandboxProperties sandbox) {
        return RetentionRules.of(RetentionRule.purged("sandbox_message", "sent_at", sandbox.keep(), "the sandbox keeps "
                + "text messages and push notifications for admins to read, for an hour (dispatch.sandbox.keep)"));
    }
}
