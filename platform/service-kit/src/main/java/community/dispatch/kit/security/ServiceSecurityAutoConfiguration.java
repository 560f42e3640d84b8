package community.dispatch.kit.security;

import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

import community.dispatch.web.problem.ProblemDetailsAutoConfiguration;
import community.dispatch.web.problem.ProblemResponses;
import community.dispatch.web.problem.Problems;
import reactor.core.publisher.Mono;

/**
 * The security every service starts from: an OAuth2 resource server that trusts the configured
 * issuer, stateless (no sessions, no CSRF tokens), with health, API documentation and Swagger UI
 * open and everything else behind a valid token. Without an issuer configured nothing but the open
 * paths can be reached. Failures answer problem+json.
 */
@AutoConfiguration(after = ProblemDetailsAutoConfiguration.class, before = { ReactiveWebSecurityAutoConfiguration.class,
        ReactiveManagementWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
public class ServiceSecurityAutoConfiguration {

    /**
     * Paths anyone may call: liveness and readiness on the serving port, and the actuator on the management
     * port (loopback, or the pod's address where only Prometheus is let in; the gateway never routes there).
     * A service adds its own public endpoints in {@code dispatch.security.public-paths}.
     */
    public static final String[] OPEN_PATHS = { "/livez", "/readyz", "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**" };

    /** The JWT claim that carries the caller's roles, e.g. {@code ["RESIDENT"]}. */
    public static final String ROLES_CLAIM = "roles";

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain serviceSecurityFilterChain(ServerHttpSecurity http, ProblemResponses problems,
            ObjectProvider<ReactiveJwtDecoder> jwtDecoder, ObjectProvider<ServiceSecurityCustomizer> customizers,
            @Value("${dispatch.security.public-paths:}") String[] publicPaths,
            @Value("${dispatch.security.audience:${spring.application.name}}") String audience) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return problems.write(exchange, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "A valid bearer token is required."));
        };
        ServerAccessDeniedHandler forbidden = (exchange, e) -> problems.write(exchange,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this."));
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(Stream.concat(Stream.of(OPEN_PATHS), Stream.of(publicPaths))
                                .filter(path -> !path.isBlank())
                                .toArray(String[]::new)).permitAll()
                        .anyExchange().authenticated())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden));
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(forbidden)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(forAudience(audience, rolesFromClaim()))));
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(http));
        return http.build();
    }

    /**
     * A call the security firewall turns away before anything else sees it (a method the API has no
     * use for such as TRACE, an encoded slash or percent in the path): 400 with a problem body, like
     * every other refusal, instead of the firewall's bare status.
     */
    @Bean
    @ConditionalOnMissingBean
    ServerExchangeRejectedHandler problemOnRejectedExchange(ProblemResponses problems) {
        return (exchange, rejected) -> problems.write(exchange, Problems.of(HttpStatus.BAD_REQUEST, "rejected-request",
                "The request was refused: its method, path or headers are not acceptable."));
    }

    /**
     * Believes only tokens meant for this service: its name ({@code dispatch.security.audience}, by
     * default {@code spring.application.name}) must be in the token's {@code aud}. Checked after the
     * signature, whichever decoder checked that, so a token the issuer made for other services (a
     * municipal system's, a password-change-only one) is a 401 here.
     */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> forAudience(String audience,
            Converter<Jwt, Mono<AbstractAuthenticationToken>> then) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience) ? then.convert(jwt)
                : Mono.error(new BadJwtException("The token is not meant for " + audience + "."));
    }

    /** Maps the {@value #ROLES_CLAIM} claim to {@code ROLE_*} authorities. */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> rolesFromClaim() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
