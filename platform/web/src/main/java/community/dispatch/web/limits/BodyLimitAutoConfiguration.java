package community.dispatch.web.limits;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/** {@link BodyLimit} in every reactive web application of the project. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(BodyLimitAutoConfiguration.BodyLimitProperties.class)
public class BodyLimitAutoConfiguration {

    /** {@code dispatch.web.max-body-size}: the largest request body read (environment: {@code DISPATCH_MAX_BODY_SIZE}). */
    @ConfigurationProperties("dispatch.web")
    public record BodyLimitProperties(@DefaultValue("1MB") DataSize maxBodySize) {
    }

    @Bean
    BodyLimit bodyLimit(BodyLimitProperties properties) {
        return new BodyLimit(properties.maxBodySize());
    }
}
