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
 * @param preferredFrom the start of the time the requester wants the help, when they said: dispatch offers it
 *        to volunteers free then, a while before (absent: as soon as possible)
 * @param preferredTo the end of that time
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
        String gridCode,
        Instant preferredFrom,
        Instant preferredTo) implements DomainEvent {

    /** A request wanted as soon as possible. */
    public RequestSubmitted(UUID requestId, String categoryCode, String urgency, String channel, UUID requesterId,
            Instant submittedAt, String route, String compoundCode, String gridCode) {
        this(requestId, categoryCode, urgency, channel, requesterId, submittedAt, route, compoundCode, gridCode, null, null);
    }

    @Override
    public String subject() {
        return requestId.toString();
    }
}
