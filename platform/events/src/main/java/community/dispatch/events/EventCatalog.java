package community.dispatch.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import community.dispatch.events.intake.TicketCreated;
import community.dispatch.events.member.MemberDeactivated;
import community.dispatch.events.member.MemberErased;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.events.member.MunicipalSystemRegistered;
import community.dispatch.events.member.MunicipalSystemRetired;
import community.dispatch.events.member.MemberUpdated;
import community.dispatch.events.order.MemberErasedFromOrders;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderDeclined;
import community.dispatch.events.order.OrderExpired;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderReleased;
import community.dispatch.events.order.OrderStarted;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.events.order.OrderWithdrawn;
import community.dispatch.events.request.MemberErasedFromRequests;
import community.dispatch.events.request.RequestCancelled;
import community.dispatch.events.request.RequestClosed;
import community.dispatch.events.request.RequestEscalated;
import community.dispatch.events.request.RequestEvaluated;
import community.dispatch.events.request.RequestReopened;
import community.dispatch.events.request.RequestResolved;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.events.request.RequestUpdated;

/**
 * Every event type the system knows: the single place that ties a record to its CloudEvents type
 * name and its topic. Names follow {@code community.dispatch.<aggregate>.<what-happened>.v<major>}.
 */
public final class EventCatalog {

    private static final String PREFIX = "community.dispatch.";

    public static final List<EventType<?>> ALL = List.of(
            type("request.submitted.v1", Topics.REQUEST_EVENTS, RequestSubmitted.class),
            type("request.updated.v1", Topics.REQUEST_EVENTS, RequestUpdated.class),
            type("request.cancelled.v1", Topics.REQUEST_EVENTS, RequestCancelled.class),
            type("request.resolved.v1", Topics.REQUEST_EVENTS, RequestResolved.class),
            type("request.evaluated.v1", Topics.REQUEST_EVENTS, RequestEvaluated.class),
            type("request.reopened.v1", Topics.REQUEST_EVENTS, RequestReopened.class),
            type("request.escalated.v1", Topics.REQUEST_EVENTS, RequestEscalated.class),
            type("request.closed.v1", Topics.REQUEST_EVENTS, RequestClosed.class),
            type("request.member-erased.v1", Topics.REQUEST_EVENTS, MemberErasedFromRequests.class),
            type("order.offered.v1", Topics.ORDER_EVENTS, OrderOffered.class),
            type("order.accepted.v1", Topics.ORDER_EVENTS, OrderAccepted.class),
            type("order.declined.v1", Topics.ORDER_EVENTS, OrderDeclined.class),
            type("order.expired.v1", Topics.ORDER_EVENTS, OrderExpired.class),
            type("order.started.v1", Topics.ORDER_EVENTS, OrderStarted.class),
            type("order.completed.v1", Topics.ORDER_EVENTS, OrderCompleted.class),
            type("order.unassignable.v1", Topics.ORDER_EVENTS, OrderUnassignable.class),
            type("order.released.v1", Topics.ORDER_EVENTS, OrderReleased.class),
            type("order.withdrawn.v1", Topics.ORDER_EVENTS, OrderWithdrawn.class),
            type("order.member-erased.v1", Topics.ORDER_EVENTS, MemberErasedFromOrders.class),
            type("member.registered.v1", Topics.MEMBER_EVENTS, MemberRegistered.class),
            type("member.updated.v1", Topics.MEMBER_EVENTS, MemberUpdated.class),
            type("member.deactivated.v1", Topics.MEMBER_EVENTS, MemberDeactivated.class),
            type("member.erased.v1", Topics.MEMBER_EVENTS, MemberErased.class),
            type("member.municipal-system-registered.v1", Topics.MEMBER_EVENTS, MunicipalSystemRegistered.class),
            type("member.municipal-system-retired.v1", Topics.MEMBER_EVENTS, MunicipalSystemRetired.class),
            type("intake.ticket-created.v1", Topics.INTAKE_CHANNEL, TicketCreated.class));

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private static final Map<Class<?>, EventType<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::dataClass, Function.identity()));

    private EventCatalog() {
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    @SuppressWarnings("unchecked")
    public static <T extends DomainEvent> EventType<T> of(Class<T> dataClass) {
        EventType<?> type = BY_CLASS.get(dataClass);
        if (type == null) {
            throw new IllegalArgumentException(dataClass.getName() + " is not listed in the event catalogue");
        }
        return (EventType<T>) type;
    }

    public static <T extends DomainEvent> EventType<T> of(T event) {
        @SuppressWarnings("unchecked")
        Class<T> dataClass = (Class<T>) event.getClass();
        return of(dataClass);
    }

    private static <T extends DomainEvent> EventType<T> type(String name, String topic, Class<T> dataClass) {
        return new EventType<>(PREFIX + name, topic, dataClass);
    }
}
