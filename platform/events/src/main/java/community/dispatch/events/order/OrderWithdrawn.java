package community.dispatch.events.order;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/**
 * An open offer or an order not yet started was taken back from its volunteer: the requester cancelled
 * ({@code reason} {@code cancelled}) or someone else took the request ({@code taken}). The volunteer has
 * nothing more to do for it.
 */
public record OrderWithdrawn(UUID orderId, UUID requestId, UUID volunteerId, String reason) implements DomainEvent {

    /** The requester cancelled the request. */
    public static final String CANCELLED = "cancelled";

    /** Another volunteer accepted the request, or it was assigned to someone else by hand. */
    public static final String TAKEN = "taken";

    @Override
    public String subject() {
        return requestId.toString();
    }
}
