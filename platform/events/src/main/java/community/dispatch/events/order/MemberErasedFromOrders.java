package community.dispatch.events.order;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/**
 * volunteer-service handled a {@code member.erased}: the person's home is gone from their volunteer record and from
 * the dispatches of their requests, and notes on their orders are removed; orders and hours stay, so the time bank's
 * totals do not change.
 *
 * @param orders how many orders it pseudonymised (served by them, or for their requests)
 */
public record MemberErasedFromOrders(UUID memberId, int orders) implements DomainEvent {

    @Override
    public String subject() {
        return memberId.toString();
    }
}
