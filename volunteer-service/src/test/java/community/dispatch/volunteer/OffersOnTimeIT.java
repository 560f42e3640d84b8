package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.order.OrderExpired;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * With the default settings (the offer timer sleeps up to 30 s when nothing expires sooner), an offer
 * nobody answers expires within a second of its expiry: the timer sleeps until the next expiry, and an
 * offer made by any instance wakes it to look again.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
class OffersOnTimeIT extends DispatchingTestSupport {

    @Test
    void anUnansweredOfferExpiresWithinASecondOfItsExpiry() {
        UUID volunteer = volunteerIn("weaver", "00000000-0000-0000-0011");
        UUID request = submit("sewing-mending", "DISPATCH");
        UUID order = awaitOffer(request, volunteer);
        Instant expires = database.sql("SELECT expires_at FROM order_offer WHERE id = :id").bind("id", order)
                .map(row -> row.get("expires_at", Instant.class)).one().block();
        // Let most of the offer's time pass; then another request is offered elsewhere, and that offer
        // wakes the timer, which sleeps until the first expiry.
        MovableClockConfiguration.CLOCK.advance(Duration.between(MovableClockConfiguration.CLOCK.instant(), expires)
                .minusSeconds(2));
        // Events carry the real time; this is the expiry in real time.
        Instant expiresReally = expires.minus(Duration.between(Instant.now(), MovableClockConfiguration.CLOCK.instant()));
        UUID elsewhere = volunteerIn("lebei", "00000000-0000-0000-0012");
        awaitOffer(submit("childcare", "DISPATCH"), elsewhere);

        CloudEvent expired = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> orderEvents(request).stream()
                        .filter(event -> event.type().equals("community.dispatch.order.expired.v1"))
                        .findFirst().orElse(null), found -> found != null);
        assertThat(codec.data(expired, OrderExpired.class).orderId()).isEqualTo(order);
        assertThat(expired.time().toInstant()).isBetween(expiresReally.minusMillis(20), expiresReally.plusSeconds(1));
    }
}
