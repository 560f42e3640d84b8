package community.dispatch.request.requests.domain;

import java.util.Map;

import community.dispatch.errors.DomainException;

/** A status change the lifecycle does not allow from where the request is (code {@code illegal-transition}). */
public class IllegalMove extends DomainException {

    private final Status from;
    private final Status to;

    public IllegalMove(Status from, Status to) {
        super(Kind.CONFLICT, "illegal-transition", "A request that is " + from + " cannot become " + to + ".",
                Map.of("status", from.name()));
        this.from = from;
        this.to = to;
    }

    public Status from() {
        return from;
    }

    public Status to() {
        return to;
    }
}
