package community.dispatch.web.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * JSON answers leave out what has no value instead of sending {@code null}: the OpenAPI documents list
 * such fields as optional, not as nullable, so a generated client or a validating consumer finds the
 * answer as documented. A field that is absent means "none".
 */
@AutoConfiguration
public class JsonAnswersAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer absentRatherThanNull() {
        return builder -> builder.changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL));
    }
}
