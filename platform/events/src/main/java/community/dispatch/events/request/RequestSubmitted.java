package community.dispatch.events.request;

import java.time.Instant;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/**
 * A resident's need entered the system (collect orders).
 *
 * @param route DISPATCH (volunteers are offered the work) or DELIBERATION (a dispute: it climbs the
 *        deliberation ladder and is not offered to volunteers)
 * @param compoundCode where the need is, when known: dispatch prefers volunteers nearby
 * @param gridCode the grid it belongs to, when known
 */
public record RequestSubmitted(
        UUID requestId,
        String categoryCode,
        String urgency,
        String channel,
        UUID requesterId,
        Instant submittedAt,
        String route,
        String compoundCode,
        String gridCode) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
