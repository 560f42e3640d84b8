package community.dispatch.volunteer.dispatching;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.events.request.RequestCancelled;
import community.dispatch.events.request.RequestEvaluated;
import community.dispatch.events.request.RequestReopened;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.kit.inbox.EventInbox;
import reactor.core.publisher.Mono;

/**
 * Starts dispatch on a submitted request (disputes excepted: they climb the deliberation ladder),
 * dispatches again on a reopened one and withdraws offers of a cancelled one. Each event acts once.
 */
@Component
class RequestEvents {

    static final String CONSUMER = "volunteer-service.request-events";

    private final EventInbox inbox;
    private final EventCodec codec;
    private final Dispatcher dispatcher;

    RequestEvents(EventInbox inbox, EventCodec codec, Dispatcher dispatcher) {
        this.inbox = inbox;
        this.codec = codec;
        this.dispatcher = dispatcher;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.REQUEST_EVENTS, groupId = "volunteer-service")
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.process(CONSUMER, record, this::apply);
    }

    Mono<Void> apply(CloudEvent event) {
        DomainEvent data = codec.data(event);
        if (data instanceof RequestSubmitted submitted && !"DELIBERATION".equals(submitted.route())) {
            return dispatcher.requestSubmitted(submitted.requestId(), submitted.categoryCode(), submitted.urgency(),
                    submitted.compoundCode(), submitted.gridCode());
        }
        if (data instanceof RequestReopened reopened) {
            return dispatcher.requestReopened(reopened.requestId());
        }
        if (data instanceof RequestCancelled cancelled) {
            return dispatcher.requestCancelled(cancelled.requestId());
        }
        if (data instanceof RequestEvaluated evaluated) {
            return dispatcher.requestRated(evaluated.requestId(), evaluated.rating());
        }
        return Mono.empty();
    }
}
