package community.dispatch.member.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import community.dispatch.kit.retention.RetentionRule;
import community.dispatch.kit.retention.RetentionRules;
import community.dispatch.kit.timers.DatabaseTimer;
import community.dispatch.kit.timers.WakeUps;
import community.dispatch.web.client.ClientAddresses;

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

    /**
     * Sign-in limits count per client address, which only the gateway knows: without its sealed addresses
     * ({@code DISPATCH_EDGE_SECRET}) every caller would count as the gateway, and anyone could lock anyone out.
     */
    @Bean
    InitializingBean edgeSecretRequired(ClientAddresses clientAddresses) {
        return () -> {
            if (!clientAddresses.trustsTheGateway()) {
                throw new IllegalStateException("member-service needs DISPATCH_EDGE_SECRET (dispatch.edge.secret), "
                        + "the same as the gateway's: sign-in limits count per client address, which only the gateway knows");
            }
        };
    }

    /**
     * Texts members the codes they asked for, from the queue, as soon as a request is queued (any instance; each
     * request is taken by one).
     */
    @Bean
    DatabaseTimer codeSender(SignInCodes codes, WakeUps wakeUps, Clock clock) {
        return new DatabaseTimer("code sender", Duration.ofSeconds(30), 20, codes::sendQueuedCodes,
                codes::codeQueuedAfter, wakeUps, clock);
    }

    /** How long sign-in keeps each of its tables, and why. */
    @Bean
    RetentionRules signInTables(SignInProperties properties) {
        return RetentionRules.of(
                RetentionRule.purged("refresh_token", "expires_at", Duration.ofDays(7), "a token is of use until it "
                        + "expires (a reused one revokes its family until then); a week after, it tells nothing"),
                RetentionRule.purged("login_code", "expires_at", Duration.ofDays(1), "a code is of use for minutes; a day "
                        + "after it expired it tells nothing"),
                RetentionRule.purged("code_request", "requested_at", Duration.ofDays(1), "codes asked for count against "
                        + "the limits on asking (minutes to an hour); a day is more than any of them"),
                RetentionRule.notAged("code_delivery", "a queue: the sender deletes a row once its code is texted"),
                RetentionRule.purged("sign_in_failure", "failed_at", Duration.ofDays(30), "failures slow the next "
                        + "attempts for minutes to an hour; a month lets staff look into an attack on an account"),
                RetentionRule.purged("sign_in_known_address", "last_success_at", properties.knownAddressFor(),
                        "an address the owner signed in from is never slowed for as long as it counts "
                                + "(dispatch.auth.known-address-for)"));
    }
}
