package community.dispatch.request.requests;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.EventCodec;
import community.dispatch.events.MalformedEventException;
import community.dispatch.events.Topics;
import community.dispatch.events.intake.TicketCreated;
import community.dispatch.kit.inbox.EventInbox;
import reactor.core.publisher.Mono;

/**
 * Tickets other municipal systems (the city's 12345 platform, the street office's grid platform)
 * publish on {@code dispatch.intake}, in structured or binary CloudEvents mode. Anything that is not
 * a ticket goes to the dead-letter topic; the topic never stalls.
 */
@Component
class MunicipalIntake {

    static final String CONSUMER = "request-service.intake";

    private final EventInbox inbox;
    private final EventCodec codec;
    private final RequestDesk desk;

    MunicipalIntake(EventInbox inbox, EventCodec codec, RequestDesk desk) {
        this.inbox = inbox;
        this.codec = codec;
        this.desk = desk;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.INTAKE, groupId = "request-service")
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.process(CONSUMER, record, this::apply);
    }

    Mono<Void> apply(CloudEvent event) {
        TicketCreated ticket = codec.data(event, TicketCreated.class);
        if (ticket.externalId() == null || ticket.externalId().isBlank() || ticket.sourceSystem() == null
                || ticket.sourceSystem().isBlank()) {
            return Mono.error(new MalformedEventException("a ticket needs externalId and sourceSystem"));
        }
        return desk.intake(ticket.sourceSystem(), ticket.externalId(), ticket.categoryCode(), ticket.description(),
                ticket.address());
    }
}
