package community.dispatch.request.requests;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.MalformedEventException;
import community.dispatch.events.Topics;
import community.dispatch.events.intake.TicketCreated;
import community.dispatch.kit.inbox.EventHandlers;
import community.dispatch.kit.inbox.EventInbox;
import reactor.core.publisher.Mono;

/**
 * Tickets other municipal systems (the city's 12345 platform, the street office's grid platform)
 * publish on {@code dispatch.intake}, in structured or binary CloudEvents mode. A malformed ticket goes
 * to the dead-letter topic; the topic never stalls.
 */
@Component
class MunicipalIntake {

    static final String CONSUMER = "request-service.intake";

    private final EventHandlers handlers;

    MunicipalIntake(EventInbox inbox, RequestIntake intake) {
        this.handlers = inbox.consumer(CONSUMER).on(TicketCreated.class, ticket -> {
            if (isBlank(ticket.externalId()) || isBlank(ticket.sourceSystem())) {
                return Mono.error(new MalformedEventException("a ticket needs externalId and sourceSystem"));
            }
            return intake.takeTicket(ticket.sourceSystem(), ticket.externalId(), ticket.categoryCode(),
                    ticket.description(), ticket.address());
        });
    }

    @KafkaListener(id = CONSUMER, topics = Topics.INTAKE, groupId = "request-service")
    void on(ConsumerRecord<String, byte[]> record) {
        handlers.consume(record);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
