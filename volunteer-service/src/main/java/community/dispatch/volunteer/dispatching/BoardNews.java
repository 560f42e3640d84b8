package community.dispatch.volunteer.dispatching;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** One change on a team's dispatch board, as its live stream tells it (the SSE event's name is {@code change}). */
@Schema(description = "One change on the team's dispatch board; the SSE event is named after `change` and its `id` is the event's id.")
record BoardNews(
        @Schema(example = "unassignable", allowableValues = { "offered", "accepted", "declined", "expired", "started", "completed",
                "released", "withdrawn", "unassignable", "reset" }, description = """
                What happened: an order of the team's moved (as on its volunteer's stream), or `unassignable`: nobody \
                takes a request whose rule names the team — someone must act (assign it by hand). `reset`: the events \
                since your Last-Event-ID cannot all be told, read the board afresh (GET /api/v1/teams/{key}/orders).""")
        String change,
        UUID requestId, UUID orderId,
        @Schema(description = "The volunteer the order is theirs or was offered to") UUID volunteerId,
        @Schema(example = "OFFERED", description = "The order's status after the change") OrderStatus status,
        @Schema(example = "no eligible volunteer is free", description = "Why it was declined, released, withdrawn or is unassignable") String reason,
        @Schema(description = "When it happened") OffsetDateTime at) {

    static final BoardNews RESET = new BoardNews("reset", null, null, null, null, null, null);

    /**
     * The news an order event carries for team {@code team}'s board: its orders' moves (an order of another team's
     * volunteer is not its business, though the request is) and the requests nobody takes — for a leader only when
     * the rule tells team leaders, for staff always. {@code teamsOrders} are the ids of the team's orders so far;
     * an offer to the team adds its order.
     */
    static Optional<BoardNews> of(CloudEvent event, DomainEvent data, String team, boolean staff, Set<UUID> teamsOrders) {
        if (data instanceof OrderUnassignable unassignable) {
            return staff || unassignable.notifyRoles().contains("TEAM_LEADER")
                    ? Optional.of(new BoardNews("unassignable", unassignable.requestId(), null, null, null, unassignable.reason(),
                            event.time()))
                    : Optional.empty();
        }
        if (data instanceof OrderOffered offered && team.equals(offered.teamKey())) {
            teamsOrders.add(offered.orderId());
        }
        String order = event.data().path("orderId").asString("");
        if (order.isEmpty() || !teamsOrders.contains(UUID.fromString(order))) {
            return Optional.empty();
        }
        return OrderNews.of(event, data).map(news -> new BoardNews(news.change(), news.requestId(), news.orderId(),
                volunteerOf(event), news.status(), news.reason(), news.at()));
    }

    private static UUID volunteerOf(CloudEvent event) {
        String volunteer = event.data().path("volunteerId").asString("");
        return volunteer.isEmpty() ? null : UUID.fromString(volunteer);
    }
}
