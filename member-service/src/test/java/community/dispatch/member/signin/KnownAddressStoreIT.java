package community.dispatch.member.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import community.dispatch.kit.retention.Retention;
import community.dispatch.member.MemberServiceTest;

/** The addresses an account signed in from are kept only as long as they count ({@code known-address-for}): retention purges them. */
@MemberServiceTest
class KnownAddressStoreIT {

    @Autowired
    KnownAddressStore store;

    @Autowired
    SignInProperties properties;

    @Autowired
    Retention retention;

    @Test
    void anAddressNotSignedInFromForLongerThanItCountsIsForgotten() {
        String username = "known-" + UUID.randomUUID();
        Instant now = Instant.now();
        Instant stale = now.minus(properties.knownAddressFor()).minus(Duration.ofDays(1));
        store.remember(username, "198.51.100.1", stale).block();
        store.remember(username, "198.51.100.2", now.minus(Duration.ofDays(1))).block();

        retention.purge(now, 1000).block();

        assertThat(store.known(username, "198.51.100.1", stale.minusSeconds(1)).block()).as("forgotten").isFalse();
        assertThat(store.known(username, "198.51.100.2", now.minus(properties.knownAddressFor())).block()).isTrue();
    }
}
