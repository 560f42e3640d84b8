package community.dispatch.request.requests;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderReleased;
import community.dispatch.events.order.OrderStarted;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.kit.inbox.EventInbox;
import reactor.core.publisher.Mono;

/**
 * Moves requests as volunteers act: offered → DISPATCHING, accepted → ASSIGNED, started →
 * IN_PROGRESS, completed → RESOLVED, released → back to DISPATCHING, unassignable → ESCALATED. Each event acts once; a declined or
 * expired offer changes nothing here (the dispatcher tries the next volunteer).
 */
@Component
class OrderEvents {

    static final String CONSUMER = "request-service.order-events";

    private final EventInbox inbox;
    private final EventCodec codec;
    private final RequestDesk desk;

    OrderEvents(EventInbox inbox, EventCodec codec, RequestDesk desk) {
        this.inbox = inbox;
        this.codec = codec;
        this.desk = desk;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.ORDER_EVENTS, groupId = "request-service")
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.process(CONSUMER, record, this::apply);
    }

    Mono<Void> apply(CloudEvent event) {
        DomainEvent data = codec.data(event);
        String actor = "volunteer-service";
        if (data instanceof OrderOffered offered) {
            return desk.offeredToTeam(offered.requestId(), offered.teamKey())
                    .then(desk.advance(offered.requestId(), Status.DISPATCHING, actor, "offered to a volunteer"));
        }
        if (data instanceof OrderAccepted accepted) {
            return desk.advance(accepted.requestId(), Status.ASSIGNED, "volunteer:" + accepted.volunteerId(), "order accepted");
        }
        if (data instanceof OrderStarted started) {
            return desk.advance(started.requestId(), Status.IN_PROGRESS, "volunteer:" + started.volunteerId(), "checked in");
        }
        if (data instanceof OrderCompleted completed) {
            return desk.advance(completed.requestId(), Status.RESOLVED, "volunteer:" + completed.volunteerId(),
                    completed.note() == null ? "checked out" : completed.note());
        }
        if (data instanceof OrderReleased released) {
            return desk.released(released.requestId(), "volunteer:" + released.volunteerId(),
                    released.reason() == null ? "order released" : released.reason());
        }
        if (data instanceof OrderUnassignable unassignable) {
            return desk.escalate(unassignable.requestId(), "no volunteer found: " + unassignable.reason());
        }
        return Mono.empty();
    }
}
