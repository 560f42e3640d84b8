package community.dispatch.kit.openapi;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import community.dispatch.kit.security.ServiceSecurityAutoConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * Every service's OpenAPI document names the service and whom to ask ({@link ApiContact}), and declares how to authorize: a member's
 * username and password traded for a token at the issuer's {@code /oauth2/token} (what Swagger UI's
 * "Authorize" does), or a bearer token pasted in. The server is the document's own origin, so a
 * document read through the gateway sends "Try it out" calls through the gateway too.
 */
@AutoConfiguration
@EnableConfigurationProperties(ApiContact.class)
public class OpenApiAutoConfiguration {

    public static final String BEARER_SCHEME = "bearer-jwt";

    public static final String SIGN_IN_SCHEME = "sign-in";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI serviceOpenApi(@Value("${spring.application.name}") String service,
            @Value("${dispatch.api.description:}") String description,
            @Value("${dispatch.api.version:v1}") String version,
            @Value("${dispatch.api.token-url:/oauth2/token}") String tokenUrl, ApiContact contact) {
        return new OpenAPI()
                .info(new Info().title(service).description(description).version(version).contact(contact.contact())
                        .license(contact.license()))
                .servers(List.of(new Server().url("/").description("Where this document was read from (the gateway)")))
                .components(new Components()
                        .addSecuritySchemes(SIGN_IN_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.OAUTH2)
                                .description("Sign in with a member's username and password (client_id swagger-ui, no secret).")
                                .flows(new OAuthFlows().password(new OAuthFlow().tokenUrl(tokenUrl).scopes(new Scopes()))))
                        .addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .description("An access token from /api/v1/auth/login or /oauth2/token.")
                                .scheme("bearer")
                                .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(SIGN_IN_SCHEME))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
    }

    @Bean
    StandardErrorResponses standardErrorResponses(@Value("${dispatch.security.public-paths:}") List<String> publicPaths) {
        return new StandardErrorResponses(Stream.concat(Stream.of(ServiceSecurityAutoConfiguration.OPEN_PATHS), publicPaths.stream())
                .map(String::trim).filter(path -> !path.isEmpty()).toList());
    }
}
