package community.dispatch.volunteer.dispatching.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an offer, and the order it becomes, is in its life. {@link #next()} lists the moves allowed
 * from each status; any other move is a conflict.
 */
public enum OrderStatus {
    OFFERED, ACCEPTED, DECLINED, EXPIRED, STARTED, COMPLETED, RELEASED, WITHDRAWN, SUPERSEDED;

    /** Offers and orders that hold a volunteer: they count towards their load. */
    public static final Set<OrderStatus> OPEN = EnumSet.of(OFFERED, ACCEPTED, STARTED);

    /** Orders that earned hours; a superseded one keeps the hours its first round earned. */
    public static final Set<OrderStatus> SERVED = EnumSet.of(COMPLETED, SUPERSEDED);

    /**
     * A volunteer who has been through one of these for a request is not offered it again: tried in this round, or
     * did it in an earlier one (a reopened request goes to someone else, and earns nobody hours twice).
     */
    public static final Set<OrderStatus> NOT_AGAIN = EnumSet.of(OFFERED, DECLINED, EXPIRED, ACCEPTED, STARTED, WITHDRAWN,
            RELEASED, COMPLETED, SUPERSEDED);

    public Set<OrderStatus> next() {
        return switch (this) {
            case OFFERED -> EnumSet.of(ACCEPTED, DECLINED, EXPIRED, WITHDRAWN);
            case ACCEPTED -> EnumSet.of(STARTED, RELEASED, WITHDRAWN);
            case STARTED -> EnumSet.of(COMPLETED);
            case COMPLETED -> EnumSet.of(SUPERSEDED);
            case DECLINED, EXPIRED, RELEASED, WITHDRAWN, SUPERSEDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    /** The names of some statuses, for a query's {@code status = ANY(:statuses)}. */
    public static String[] names(Set<OrderStatus> statuses) {
        return statuses.stream().map(Enum::name).toArray(String[]::new);
    }
}
