package community.dispatch.request.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.EventCodec;
import community.dispatch.events.MalformedEventException;
import community.dispatch.events.Topics;
import community.dispatch.events.intake.TicketCreated;
import community.dispatch.request.register.Register;
import community.dispatch.kit.inbox.EventHandlers;
import community.dispatch.kit.inbox.EventInbox;
import reactor.core.publisher.Mono;

/**
 * Tickets other municipal systems (the city's 12345 platform, the street office's grid platform)
 * publish on their own intake topics ({@code dispatch.intake.<client id>}, which only that system may write),
 * in structured or binary CloudEvents mode. Only tickets, only from municipal systems admins registered
 * ({@link Register}: the {@code sourceSystem} is the system's client id), only on the system's own
 * topic (a ticket naming another system is refused: the topic is who wrote it), and only within the sizes
 * below are taken; anything else goes to the dead-letter topic with the reason. The topics never stall.
 */
@Component
class MunicipalIntake {

    static final String CONSUMER = "request-service.intake";
    static final int MAX_ID = 100;
    static final int MAX_CODE = 50;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_ADDRESS = 500;

    private final EventHandlers handlers;
    private final EventCodec codec;

    MunicipalIntake(EventInbox inbox, EventCodec codec, RequestIntake intake, Register systems) {
        this.codec = codec;
        this.handlers = inbox.consumer(CONSUMER).on(TicketCreated.class, ticket -> {
            String problem = problemWith(ticket);
            return problem != null ? Mono.error(new MalformedEventException(problem))
                    : systems.isRegistered(ticket.sourceSystem()).flatMap(registered -> registered
                            ? intake.takeTicket(ticket.sourceSystem(), ticket.externalId(), ticket.categoryCode(),
                                    ticket.description(), ticket.address())
                            : Mono.error(new MalformedEventException("sourceSystem '" + ticket.sourceSystem()
                                    + "' is not a registered municipal system")));
        }).rejectingOthers("only ticket-created events belong on the intake topics");
    }

    /**
     * Every system's intake topic; a new system's is found within {@code dispatch.intake.discovery-interval-ms}
     * (10 s) of its creation.
     */
    @KafkaListener(id = CONSUMER, topicPattern = Topics.INTAKE_PATTERN, groupId = "request-service",
            properties = "metadata.max.age.ms=${dispatch.intake.discovery-interval-ms:10000}")
    void on(ConsumerRecord<String, byte[]> record) {
        String system = Topics.systemOfIntake(record.topic())
                .orElseThrow(() -> new MalformedEventException(record.topic() + " is not an intake topic"));
        if (codec.data(codec.read(EventInbox.headers(record), record.value())) instanceof TicketCreated ticket
                && !system.equals(ticket.sourceSystem())) {
            throw new MalformedEventException("a ticket on " + record.topic() + " is " + system + "'s, not '"
                    + ticket.sourceSystem() + "''s");
        }
        handlers.consume(record);
    }

    /** What is wrong with the ticket itself, or null when it is well formed (its source is checked next). */
    static String problemWith(TicketCreated ticket) {
        if (isBlank(ticket.externalId()) || isBlank(ticket.sourceSystem())) {
            return "a ticket needs externalId and sourceSystem";
        }
        if (longer(ticket.externalId(), MAX_ID) || longer(ticket.sourceSystem(), MAX_CODE) || longer(ticket.categoryCode(), MAX_CODE)
                || longer(ticket.description(), MAX_DESCRIPTION) || longer(ticket.address(), MAX_ADDRESS)) {
            return "a ticket's externalId is at most " + MAX_ID + " characters, sourceSystem and categoryCode " + MAX_CODE
                    + ", description " + MAX_DESCRIPTION + ", address " + MAX_ADDRESS;
        }
        return null;
    }

    private static boolean longer(String value, int max) {
        return value != null && value.length() > max;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
