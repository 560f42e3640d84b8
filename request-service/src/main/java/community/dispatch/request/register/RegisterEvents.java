package community.dispatch.request.register;

import java.time.Clock;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberDeactivated;
import community.dispatch.events.member.MemberErased;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.events.member.MemberUpdated;
import community.dispatch.events.member.MunicipalSystemRegistered;
import community.dispatch.events.member.MunicipalSystemRetired;
import community.dispatch.kit.inbox.EventHandlers;
import community.dispatch.kit.inbox.EventInbox;
import community.dispatch.request.privacy.RequesterErasure;

/**
 * Learns from member-service's register: which municipal systems admins registered (and retired) — the client
 * ids of those registered and not retired are the {@code sourceSystem}s whose tickets the intake
 * takes, each on its own intake topic ({@link IntakeTopics}) — and which members are active in which grid, for
 * submissions on someone's behalf — and whom to erase ({@link RequesterErasure}). Others ask {@link Register}.
 */
@Component
class RegisterEvents {

    static final String CONSUMER = "request-service.member-events";

    private final EventHandlers handlers;

    RegisterEvents(EventInbox inbox, RegisterStore store, IntakeTopics intakeTopics, RequesterErasure erasure, Clock clock) {
        this.handlers = inbox.consumer(CONSUMER)
                .on(MunicipalSystemRegistered.class, registered -> intakeTopics.open(registered.clientId())
                        .then(store.register(registered.clientId(), registered.name(), clock.instant())))
                .on(MunicipalSystemRetired.class, retired -> store.retire(retired.clientId()))
                .on(MemberRegistered.class, registered -> store.member(registered.memberId(), registered.gridCode(), true))
                .on(MemberUpdated.class, updated -> store.member(updated.memberId(), updated.gridCode(), updated.active()))
                .on(MemberDeactivated.class, deactivated -> store.deactivated(deactivated.memberId()))
                .on(MemberErased.class, erasure::erase);
    }

    @KafkaListener(id = CONSUMER, topics = Topics.MEMBER_EVENTS, groupId = "request-service", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        handlers.consumeAll(records);
    }
}
