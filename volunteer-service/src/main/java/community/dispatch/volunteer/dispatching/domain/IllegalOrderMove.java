package community.dispatch.volunteer.dispatching.domain;

import java.util.Map;

import community.dispatch.errors.DomainException;

/** A move the order's lifecycle does not allow from where it is (code {@code illegal-order-transition}). */
public class IllegalOrderMove extends DomainException {

    public IllegalOrderMove(OrderStatus from, String detail) {
        super(Kind.CONFLICT, "illegal-order-transition", detail, Map.of("status", from.name()));
    }
}
