package community.dispatch.volunteer.teams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberDeactivated;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.events.member.MemberUpdated;
import community.dispatch.kit.inbox.EventInbox;
import reactor.core.publisher.Mono;

/** Keeps volunteer profiles in step with member-service's register, each event once. */
@Component
class MemberEvents {

    static final String CONSUMER = "volunteer-service.member-events";

    private final EventInbox inbox;
    private final EventCodec codec;
    private final Volunteers volunteers;
    private final DemoTeams demo;

    MemberEvents(EventInbox inbox, EventCodec codec, Volunteers volunteers, DemoTeams demo) {
        this.inbox = inbox;
        this.codec = codec;
        this.volunteers = volunteers;
        this.demo = demo;
    }

    @KafkaListener(id = CONSUMER, topics = Topics.MEMBER_EVENTS, groupId = "volunteer-service")
    void on(ConsumerRecord<String, byte[]> record) {
        inbox.process(CONSUMER, record, this::apply);
    }

    Mono<Void> apply(CloudEvent event) {
        DomainEvent data = codec.data(event);
        if (data instanceof MemberRegistered registered) {
            return volunteers.memberChanged(registered.memberId(), registered.roles(), registered.compoundCode(), true)
                    .then(demo.placeIfDemo(registered.memberId()));
        }
        if (data instanceof MemberUpdated updated) {
            return volunteers.memberChanged(updated.memberId(), updated.roles(), updated.compoundCode(), updated.active());
        }
        if (data instanceof MemberDeactivated deactivated) {
            return volunteers.suspend(deactivated.memberId());
        }
        return Mono.empty();
    }
}
