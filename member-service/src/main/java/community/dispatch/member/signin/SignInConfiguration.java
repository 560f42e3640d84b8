package community.dispatch.member.signin;

import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
class SignInConfiguration {

    private static final String ARGON2 = "argon2@SpringSecurity_v5_8";

    /** Argon2id for new hashes; the {id} prefix lets the algorithm change without locking anyone out. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(ARGON2, Map.of(
                ARGON2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    /** member-service checks its own tokens against its key store rather than over HTTP. */
    @Bean
    ReactiveJwtDecoder issuerJwtDecoder(SigningKeys keys, SignInProperties properties) {
        return IssuerJwtDecoder.create(keys, properties);
    }

    @Bean
    SmsSandbox smsSandbox(SignInRecordStore store) {
        return new SmsSandbox(store);
    }
}
