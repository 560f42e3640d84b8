package community.dispatch.member.privacy;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import community.dispatch.events.order.MemberErasedFromOrders;
import community.dispatch.events.request.MemberErasedFromRequests;
import community.dispatch.kit.inbox.EventHandlers;
import community.dispatch.kit.inbox.EventInbox;

/**
 * The other services' confirmations that they erased a person, recorded as the erasure's steps. A group of its own:
 * the notifications' consumer reads the same topics, and one group would share their partitions out between the two.
 */
@Component
class ErasureEvents {

    static final String CONSUMER = "member-service.erasures";

    private final EventHandlers handlers;

    ErasureEvents(EventInbox inbox, Erasures erasures) {
        this.handlers = inbox.consumer(CONSUMER)
                .on(MemberErasedFromRequests.class, erased -> erasures.confirmed(erased.memberId(), "request-service", erased.requests()))
                .on(MemberErasedFromOrders.class, erased -> erasures.confirmed(erased.memberId(), "volunteer-service", erased.orders()));
    }

    @KafkaListener(id = CONSUMER, topics = { Topics.REQUEST_EVENTS, Topics.ORDER_EVENTS }, groupId = "member-service-erasures",
            batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        handlers.consumeAll(records);
    }
}
