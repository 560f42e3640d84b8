package community.dispatch.member.messages;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How text messages leave ({@code dispatch.sms.*}) where the {@link MessageSandbox} does not keep them: they are posted to an SMS provider's HTTP API at {@code url} with {@code token} as a bearer
 * token; without a url the service does not start, so no code is ever silently dropped.
 */
@ConfigurationProperties("dispatch.sms")
public record SmsProperties(URI url, String token, @DefaultValue("5s") Duration timeout) {

    public SmsProperties {
        url = url == null || url.toString().isBlank() ? null : url;
    }
}
