package community.dispatch.request.requests;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 * publish on {@code dispatch.intake}, in structured or binary CloudEvents mode. Only tickets, only from
 * the configured source systems ({@link IntakeProperties}), and only within the sizes below are taken;
 * anything else goes to the dead-letter topic with the reason. The topic never stalls.
 */
@Component
@EnableConfigurationProperties(IntakeProperties.class)
class MunicipalIntake {

    static final String CONSUMER = "request-service.intake";
    static final int MAX_ID = 100;
    static final int MAX_CODE = 50;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_ADDRESS = 500;

    private final EventHandlers handlers;

    MunicipalIntake(EventInbox inbox, RequestIntake intake, IntakeProperties properties) {
        this.handlers = inbox.consumer(CONSUMER).on(TicketCreated.class, ticket -> {
            String problem = problemWith(ticket, properties);
            return problem != null ? Mono.error(new MalformedEventException(problem))
                    : intake.takeTicket(ticket.sourceSystem(), ticket.externalId(), ticket.categoryCode(),
                            ticket.description(), ticket.address());
        }).rejectingOthers("only ticket-created events belong on " + Topics.INTAKE);
    }

    @KafkaListener(id = CONSUMER, topics = Topics.INTAKE, groupId = "request-service")
    void on(ConsumerRecord<String, byte[]> record) {
        handlers.consume(record);
    }

    /** What is wrong with the ticket, or null when it may be taken. */
    static String problemWith(TicketCreated ticket, IntakeProperties properties) {
        if (isBlank(ticket.externalId()) || isBlank(ticket.sourceSystem())) {
            return "a ticket needs externalId and sourceSystem";
        }
        if (!properties.sourceSystems().contains(ticket.sourceSystem())) {
            return "sourceSystem '" + abbreviated(ticket.sourceSystem()) + "' is not a registered municipal system";
        }
        if (longer(ticket.externalId(), MAX_ID) || longer(ticket.categoryCode(), MAX_CODE)
                || longer(ticket.description(), MAX_DESCRIPTION) || longer(ticket.address(), MAX_ADDRESS)) {
            return "a ticket's externalId is at most " + MAX_ID + " characters, categoryCode " + MAX_CODE
                    + ", description " + MAX_DESCRIPTION + ", address " + MAX_ADDRESS;
        }
        return null;
    }

    private static boolean longer(String value, int max) {
        return value != null && value.length() > max;
    }

    private static String abbreviated(String value) {
        return value.length() <= MAX_CODE ? value : value.substring(0, MAX_CODE) + "…";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
