package community.dispatch.member.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.member.MemberServiceTest;
import community.dispatch.testing.MovableClock;
import community.dispatch.testing.TestTokens;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The issuer's own token check against its key table, on the real database. */
@MemberServiceTest
class SigningKeysIT {

    @Autowired
    DatabaseClient database;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    TokenProperties properties;

    @Test
    void tokensNamingKeysNobodyPublishedAreRefusedFromTheKeysReadLastNotByReadingTheTableEachTime() {
        AtomicInteger reads = new AtomicInteger();
        SigningKeyStore counting = new SigningKeyStore(database) {
            @Override
            Flux<String> publishedSigningKeys(Instant retiredAfter) {
                reads.incrementAndGet();
                return super.publishedSigningKeys(retiredAfter);
            }
        };
        MovableClock clock = new MovableClock();
        ReactiveJwtDecoder decoder = IssuerJwtDecoder.create(new SigningKeys(counting, transactions, properties, clock), properties);
        TestTokens forger = TestTokens.generate().issuedBy(properties.issuerString());

        for (int attempt = 0; attempt < 20; attempt++) {
            StepVerifier.create(decoder.decode(forger.namingKey("made-up-" + attempt).token("admin", "ADMIN")))
                    .expectError().verify();
        }
        assertThat(reads).as("the first read, and one more for the first unknown key").hasValue(2);

        clock.advance(Duration.ofSeconds(31));
        StepVerifier.create(decoder.decode(forger.namingKey("made-up-later").token("admin", "ADMIN"))).expectError().verify();
        assertThat(reads).hasValue(3);
    }
}
