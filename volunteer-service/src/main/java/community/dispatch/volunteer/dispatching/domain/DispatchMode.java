package community.dispatch.volunteer.dispatching.domain;

/**
 * How a rule offers its requests. DIRECT: to the best-ranked candidate, one at a time, until the rule's
 * offer limit. POOL (搶單): to every eligible candidate at once; the first to accept wins, and there is
 * no offer limit (one round reaches everyone).
 */
public enum DispatchMode {
    DIRECT, POOL;

    /** How many of the best candidates get an offer at once: one, or all of them. */
    public int offersAtOnce() {
        return this == POOL ? Integer.MAX_VALUE : 1;
    }

    /** Whether no more offers may be made after {@code offersMade} of at most {@code maxOffers}. */
    public boolean exhausted(int offersMade, int maxOffers) {
        return this == DIRECT && offersMade >= maxOffers;
    }
}
