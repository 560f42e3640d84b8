package community.dispatch.request.requests;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderReleased;
import community.dispatch.events.order.OrderStarted;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.kit.inbox.EventHandlers;
import community.dispatch.kit.inbox.EventInbox;
import community.dispatch.request.requests.domain.Status;

/**
 * Moves requests as volunteers act: offered → DISPATCHING, accepted → ASSIGNED, started →
 * IN_PROGRESS, completed → RESOLVED, released → back to DISPATCHING, unassignable → ESCALATED. Each
 * event acts once; a declined or expired offer changes nothing here (the dispatcher tries the next
 * volunteer).
 */
@Component
class OrderEvents {

    static final String CONSUMER = "request-service.order-events";
    private static final String DISPATCHER = "volunteer-service";

    private final EventHandlers handlers;

    OrderEvents(EventInbox inbox, VolunteerProgress progress) {
        this.handlers = inbox.consumer(CONSUMER)
                .on(OrderOffered.class, offered -> progress.offeredToTeam(offered.requestId(), offered.teamKey())
                        .then(progress.advance(offered.requestId(), Status.DISPATCHING, DISPATCHER, "offered to a volunteer")))
                .on(OrderAccepted.class, accepted -> progress.advance(accepted.requestId(), Status.ASSIGNED,
                        volunteer(accepted.volunteerId()), "order accepted"))
                .on(OrderStarted.class, started -> progress.advance(started.requestId(), Status.IN_PROGRESS,
                        volunteer(started.volunteerId()), "checked in"))
                .on(OrderCompleted.class, completed -> progress.advance(completed.requestId(), Status.RESOLVED,
                                volunteer(completed.volunteerId()), completed.note() == null ? "checked out" : completed.note())
                        .then(progress.publicNote(completed.requestId(), Status.RESOLVED, completed.publicNote())))
                .on(OrderReleased.class, released -> progress.released(released.requestId(),
                        volunteer(released.volunteerId()), released.reason() == null ? "order released" : released.reason()))
                .on(OrderUnassignable.class, unassignable -> progress.escalate(unassignable.requestId(),
                        "no volunteer found: " + unassignable.reason()));
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ORDER_EVENTS, groupId = "request-service", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        handlers.consumeAll(records);
    }

    private static String volunteer(Object id) {
        return "volunteer:" + id;
    }
}
