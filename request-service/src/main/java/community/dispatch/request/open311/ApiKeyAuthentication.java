package community.dispatch.request.open311;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import community.dispatch.kit.security.ServiceSecurityCustomizer;
import reactor.core.publisher.Mono;

/**
 * Open311's writes are authenticated by the {@code api_key} in their form, before anything else sees them:
 * a live key makes the call its municipal system's (principal = the system's client id, role
 * {@code MUNICIPAL_SYSTEM}), so what comes after — the idempotency filter keeping the first answer to an
 * {@code Idempotency-Key}, {@link GeoReport} filing the request — works for an authenticated caller only.
 * A missing or dead key leaves the call anonymous, and {@link GeoReport} answers it with the spec's 403.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyAuthentication {

    static final String ROLE = "ROLE_MUNICIPAL_SYSTEM";

    /** A call authenticated by a live api_key: its system's client id. */
    static final class MunicipalSystem extends AbstractAuthenticationToken {

        private final String clientId;

        private final String apiKey;

        private MunicipalSystem(String clientId, String apiKey, boolean authenticated) {
            super(authenticated ? List.of(new SimpleGrantedAuthority(ROLE)) : List.of());
            this.clientId = clientId;
            this.apiKey = apiKey;
            setAuthenticated(authenticated);
        }

        @Override
        public Object getCredentials() {
            return apiKey;
        }

        @Override
        public Object getPrincipal() {
            return clientId;
        }

        String clientId() {
            return clientId;
        }
    }

    private static final ServerWebExchangeMatcher WRITES = exchange -> {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        boolean form = type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type);
        return form ? ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/open311/v2/requests.*",
                "/open311/v2/servicerequestupdates.*").matches(exchange) : ServerWebExchangeMatcher.MatchResult.notMatch();
    };

    @Bean
    ServiceSecurityCustomizer open311ApiKeys(ApiKeys keys) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter((Authentication presented) -> keys
                .clientOf((String) presented.getCredentials())
                .map(client -> (Authentication) new MunicipalSystem(client, null, true))
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("no live api_key"))));
        filter.setRequiresAuthenticationMatcher(WRITES);
        filter.setServerAuthenticationConverter(exchange -> exchange.getFormData()
                .mapNotNull(form -> form.getFirst("api_key"))
                .filter(key -> !key.isBlank())
                .map(key -> new MunicipalSystem(null, key, false)));
        // A dead key is not a 401 here: the call goes on anonymous, and Open311's own 403 answers it.
        filter.setAuthenticationFailureHandler((call, failure) -> call.getChain().filter(call.getExchange()));
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        // After the bearer token's check: on these writes the key decides who calls, whatever token comes with it.
        return http -> http.addFilterAfter(filter, SecurityWebFiltersOrder.AUTHENTICATION);
    }
}
