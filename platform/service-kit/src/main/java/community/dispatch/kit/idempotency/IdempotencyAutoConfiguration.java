package community.dispatch.kit.idempotency;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;

import community.dispatch.kit.EventingAutoConfiguration;
import community.dispatch.kit.time.TimeAutoConfiguration;
import community.dispatch.web.limits.BodyLimit;
import community.dispatch.web.limits.BodyLimitAutoConfiguration;

/** {@code Idempotency-Key} on every POST of a service with a database; see {@link IdempotencyFilter}. */
@AutoConfiguration(after = { EventingAutoConfiguration.class, TimeAutoConfiguration.class, BodyLimitAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean({ DatabaseClient.class, TransactionalOperator.class })
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyAutoConfiguration {

    @Bean
    IdempotencyFilter idempotencyFilter(DatabaseClient database, TransactionalOperator transactions,
            IdempotencyProperties properties, ObjectProvider<BodyLimit> bodyLimit) {
        long maxBody = bodyLimit.getIfAvailable(() -> new BodyLimit(DataSize.ofMegabytes(1))).maxBytes();
        return new IdempotencyFilter(new IdempotencyStore(database), transactions, properties.excludedPaths(),
                (int) Math.min(Integer.MAX_VALUE, maxBody));
    }

    /** Every POST the filter serves documents the header, so clients know they may (and should) send it. */
    @Bean
    GlobalOpenApiCustomizer idempotencyKeyDocumentation(IdempotencyProperties properties) {
        AntPathMatcher paths = new AntPathMatcher();
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                Operation post = item.getPost();
                boolean excluded = properties.excludedPaths().stream().anyMatch(pattern -> paths.match(pattern, path));
                if (post == null || excluded || (post.getParameters() != null && post.getParameters().stream()
                        .anyMatch(parameter -> IdempotencyFilter.HEADER.equalsIgnoreCase(parameter.getName())))) {
                    return;
                }
                post.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER).required(false)
                        .description("Any unique string (e.g. a UUID) of at most 200 characters. A retry with the same key "
                                + "is answered with the first answer (and Idempotent-Replayed: true) and changes nothing; "
                                + "the same key with another body is a 409.")
                        .schema(new StringSchema().maxLength(IdempotencyFilter.MAX_KEY_LENGTH))
                        .example("3f1c2b9e-7d44-4a8e-9c1e-2f6a5b7d8e90"));
            });
        };
    }
}
