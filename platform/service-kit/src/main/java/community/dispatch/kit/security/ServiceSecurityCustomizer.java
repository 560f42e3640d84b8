package community.dispatch.kit.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * What a service adds to the security every service starts from ({@link ServiceSecurityAutoConfiguration}),
 * e.g. a way of authenticating callers that only it has; applied before the chain is built.
 */
@FunctionalInterface
public interface ServiceSecurityCustomizer {

    void customize(ServerHttpSecurity http);
}
