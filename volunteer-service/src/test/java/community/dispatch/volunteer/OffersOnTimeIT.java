package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.order.OrderExpired;
import community.dispatch.kit.timers.WakeUps;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * With the default settings (the offer timer sleeps up to 30 s when nothing expires sooner), an offer
 * nobody answers expires within a second of its expiry: the timer sleeps until the next expiry, and a due time
 * written within the wake-ups' horizon (by any instance) wakes it to look again — an offer expiring in an hour
 * does not.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
class OffersOnTimeIT extends DispatchingTestSupport {

    @Autowired
    WakeUps wakeUps;

    @Test
    void anUnansweredOfferExpiresWithinASecondOfItsExpiry() {
        UUID volunteer = volunteerIn("weaver", "00000000-0000-0000-0011");
        long before = wakeUps.count(WakeUps.Channel.TIMERS);
        UUID request = submit("sewing-mending", "DISPATCH");
        UUID order = awaitOffer(request, volunteer);
        assertThat(wakeUps.count(WakeUps.Channel.TIMERS)).as("an offer expiring in an hour wakes no timer").isEqualTo(before);
        Instant expires = database.sql("SELECT expires_at FROM order_offer WHERE id = :id").bind("id", order)
                .map(row -> row.get("expires_at", Instant.class)).one().block();
        // Let most of the offer's time pass; then wake the timer as a due time written within the horizon would: it
        // looks again, then sleeps until the first expiry.
        MovableClockConfiguration.CLOCK.advance(Duration.between(MovableClockConfiguration.CLOCK.instant(), expires)
                .minusSeconds(2));
        // Events carry the real time; this is the expiry in real time.
        Instant expiresReally = expires.minus(Duration.between(Instant.now(), MovableClockConfiguration.CLOCK.instant()));
        database.sql("SELECT pg_notify('dispatch_timers', '')").fetch().rowsUpdated().block();

        CloudEvent expired = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> orderEvents(request).stream()
                        .filter(event -> event.type().equals("community.dispatch.order.expired.v1"))
                        .findFirst().orElse(null), found -> found != null);
        assertThat(codec.data(expired, OrderExpired.class).orderId()).isEqualTo(order);
        assertThat(expired.time().toInstant()).isBetween(expiresReally.minusMillis(20), expiresReally.plusSeconds(1));
    }
}
