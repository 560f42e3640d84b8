package community.dispatch.request.requests;

import java.time.Clock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import community.dispatch.events.member.MunicipalSystemRegistered;
import community.dispatch.events.member.MunicipalSystemRetired;
import community.dispatch.kit.inbox.EventHandlers;
import community.dispatch.kit.inbox.EventInbox;

/**
 * Learns from member-service which municipal systems admins registered (and retired): the client ids
 * of those registered and not retired are the {@code sourceSystem}s whose tickets {@link MunicipalIntake}
 * takes. The register's other events are passed over.
 */
@Component
class MunicipalSystems {

    static final String CONSUMER = "request-service.member-events";

    private final EventHandlers handlers;

    MunicipalSystems(EventInbox inbox, MunicipalSystemStore store, Clock clock) {
        this.handlers = inbox.consumer(CONSUMER)
                .on(MunicipalSystemRegistered.class, registered -> store.register(registered.clientId(), registered.name(), clock.instant()))
                .on(MunicipalSystemRetired.class, retired -> store.retire(retired.clientId()));
    }

    @KafkaListener(id = CONSUMER, topics = Topics.MEMBER_EVENTS, groupId = "request-service")
    void on(ConsumerRecord<String, byte[]> record) {
        handlers.consume(record);
    }
}
