package community.dispatch.volunteer.dispatching;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import community.dispatch.events.request.RequestCancelled;
import community.dispatch.events.request.RequestEvaluated;
import community.dispatch.events.request.RequestReopened;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.kit.inbox.EventHandlers;
import community.dispatch.kit.inbox.EventInbox;
import reactor.core.publisher.Mono;

/**
 * Starts dispatch on a submitted request (disputes excepted: they climb the deliberation ladder),
 * dispatches again on a reopened one, withdraws offers of a cancelled one and credits a rating to the
 * volunteer who served. Each event acts once.
 */
@Component
class RequestEvents {

    static final String CONSUMER = "volunteer-service.request-events";
    private static final String DELIBERATION = "DELIBERATION";

    private final EventHandlers handlers;

    RequestEvents(EventInbox inbox, Offering offering) {
        this.handlers = inbox.consumer(CONSUMER)
                .on(RequestSubmitted.class, submitted -> DELIBERATION.equals(submitted.route()) ? Mono.empty()
                        : offering.requestSubmitted(submitted))
                .on(RequestReopened.class, reopened -> offering.requestReopened(reopened.requestId()))
                .on(RequestCancelled.class, cancelled -> offering.requestCancelled(cancelled.requestId()))
                .on(RequestEvaluated.class, evaluated -> offering.requestRated(evaluated.requestId(), evaluated.rating()));
    }

    @KafkaListener(id = CONSUMER, topics = Topics.REQUEST_EVENTS, groupId = "volunteer-service", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        handlers.consumeAll(records);
    }
}
