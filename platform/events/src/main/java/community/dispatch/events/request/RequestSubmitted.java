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
 * @param building the building the help is wanted at ({@code <compound>/<building>}), when known
 * @param latitude where the help is wanted (WGS 84, within the community's area), when known: dispatch
 *        prefers the volunteers living nearest
 * @param longitude where the help is wanted
 * @param submittedBy who entered it, when not the requester (a grid worker or staff on a resident's behalf): they
 *        are not offered it either
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
        Instant preferredTo,
        String building,
        Double latitude,
        Double longitude,
        UUID submittedBy) implements DomainEvent {

    /** A request its requester entered themself. */
    public RequestSubmitted(UUID requestId, String categoryCode, String urgency, String channel, UUID requesterId,
            Instant submittedAt, String route, String compoundCode, String gridCode, Instant preferredFrom, Instant preferredTo,
            String building, Double latitude, Double longitude) {
        this(requestId, categoryCode, urgency, channel, requesterId, submittedAt, route, compoundCode, gridCode, preferredFrom,
                preferredTo, building, latitude, longitude, null);
    }

    /** A request wanted as soon as possible. */
    public RequestSubmitted(UUID requestId, String categoryCode, String urgency, String channel, UUID requesterId,
            Instant submittedAt, String route, String compoundCode, String gridCode) {
        this(requestId, categoryCode, urgency, channel, requesterId, submittedAt, route, compoundCode, gridCode, null, null);
    }

    /** A request whose place is known by compound and grid at most. */
    public RequestSubmitted(UUID requestId, String categoryCode, String urgency, String channel, UUID requesterId,
            Instant submittedAt, String route, String compoundCode, String gridCode, Instant preferredFrom, Instant preferredTo) {
        this(requestId, categoryCode, urgency, channel, requesterId, submittedAt, route, compoundCode, gridCode, preferredFrom,
                preferredTo, null, null, null);
    }

    @Override
    public String subject() {
        return requestId.toString();
    }
}
