package community.dispatch.volunteer.teams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberDeactivated;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.events.member.MemberUpdated;
import community.dispatch.kit.inbox.EventHandlers;
import community.dispatch.kit.inbox.EventInbox;

/** Keeps volunteer profiles in step with member-service's register, each event once. */
@Component
class MemberEvents {

    static final String CONSUMER = "volunteer-service.member-events";

    private final EventHandlers handlers;

    MemberEvents(EventInbox inbox, VolunteerStore volunteers, DemoTeams demo) {
        this.handlers = inbox.consumer(CONSUMER)
                .on(MemberRegistered.class, registered -> volunteers
                        .memberChanged(registered.memberId(), registered.roles(), registered.compoundCode(), true)
                        .then(demo.placeIfDemo(registered.memberId())))
                .on(MemberUpdated.class, updated -> volunteers.memberChanged(updated.memberId(), updated.roles(),
                        updated.compoundCode(), updated.active()))
                .on(MemberDeactivated.class, deactivated -> volunteers.suspend(deactivated.memberId()));
    }

    @KafkaListener(id = CONSUMER, topics = Topics.MEMBER_EVENTS, groupId = "volunteer-service")
    void on(ConsumerRecord<String, byte[]> record) {
        handlers.consume(record);
    }
}
