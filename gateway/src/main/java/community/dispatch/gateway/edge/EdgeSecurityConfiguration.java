package community.dispatch.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import community.dispatch.web.problem.ProblemResponses;
import community.dispatch.web.problem.Problems;

/**
 * The edge's checks, before any service is called: a bearer token that the configured issuer signed,
 * that has not expired and that names that issuer, on every API path but the public ones; CORS for
 * the configured origins; standard security headers. The services check tokens again and decide
 * roles; the gateway only keeps out callers who are not signed in at all.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class EdgeSecurityConfiguration {

    /** API paths anyone may call, by method. */
    static final String[] PUBLIC_READS = { "/api/v1/categories", "/api/v1/categories/**", "/open311/v2/**",
            "/oauth2/jwks", "/.well-known/**" };

    /** Open311's writes carry an api_key in their form instead of a token; request-service checks it. */
    static final String[] PUBLIC_WRITES = { "/api/v1/auth/login", "/api/v1/auth/codes", "/oauth2/token",
            "/open311/v2/requests.*", "/open311/v2/servicerequestupdates.*" };

    /**
     * Only this origin's scripts, styles and images (Swagger UI sets inline styles and uses data: icons),
     * no plugins, no framing, no form posts elsewhere. API answers are JSON, for which it changes nothing.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /** Paths that reach a service; everything else is the gateway's own (docs, health) or unknown (404). */
    static final String[] API_PATHS = { "/api/**", "/open311/**", "/oauth2/**" };

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, ProblemResponses problems,
            CorsConfigurationSource cors) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, failure) -> {
            boolean badToken = failure instanceof InvalidBearerTokenException;
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, badToken
                    ? "Bearer error=\"invalid_token\", error_description=\"The token is expired, wrongly signed, from another issuer or not meant for this API.\""
                    : "Bearer");
            return problems.write(exchange, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", badToken
                    ? "The bearer token was refused: " + failure.getMessage()
                    : "A valid bearer token is required."));
        };
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(spec -> spec.configurationSource(cors))
                .headers(headers -> headers
                        .referrerPolicy(policy -> policy.policy(ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(policy -> policy.policyDirectives(CONTENT_SECURITY_POLICY)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(HttpMethod.GET, PUBLIC_READS).permitAll()
                        .pathMatchers(HttpMethod.POST, PUBLIC_WRITES).permitAll()
                        .pathMatchers(API_PATHS).authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationEntryPoint(unauthorized)
                        .jwt(Customizer.withDefaults()))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized))
                .build();
    }

    /**
     * Browsers may call the API from {@code dispatch.gateway.cors.allowed-origins} (none by default).
     * Tokens travel in the Authorization header, never in cookies, so credentials stay off.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${dispatch.gateway.cors.allowed-origins:}") List<String> allowedOrigins) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList());
        config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
                HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.IF_MATCH, "Idempotency-Key", "X-Request-Id"));
        config.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
                "X-Request-Id", "X-RateLimit-Remaining"));
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }
}
