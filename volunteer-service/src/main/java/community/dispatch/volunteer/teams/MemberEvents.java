package community.dispatch.volunteer.teams;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberDeactivated;
import community.dispatch.events.member.MemberErased;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.events.member.MemberUpdated;
import community.dispatch.kit.inbox.EventHandlers;
import community.dispatch.kit.inbox.EventInbox;
import community.dispatch.volunteer.privacy.VolunteerErasure;
import reactor.core.publisher.Mono;

/**
 * Keeps volunteer profiles and where buildings are in step with member-service's register, each event once, and
 * erases whom it erases ({@link VolunteerErasure}).
 */
@Component
class MemberEvents {

    static final String CONSUMER = "volunteer-service.member-events";

    private final EventHandlers handlers;

    MemberEvents(EventInbox inbox, VolunteerStore volunteers, DemoTeams demo, VolunteerErasure erasure) {
        this.handlers = inbox.consumer(CONSUMER)
                .on(MemberRegistered.class, registered -> placed(volunteers, registered.building(), registered.latitude(),
                                registered.longitude())
                        .then(volunteers.memberChanged(registered.memberId(), registered.roles(), registered.compoundCode(),
                                registered.building(), true))
                        .then(demo.placeIfDemo(registered.memberId())))
                .on(MemberUpdated.class, updated -> placed(volunteers, updated.building(), updated.latitude(), updated.longitude())
                        .then(volunteers.memberChanged(updated.memberId(), updated.roles(), updated.compoundCode(), updated.building(),
                                updated.active())))
                .on(MemberDeactivated.class, deactivated -> volunteers.suspend(deactivated.memberId()))
                .on(MemberErased.class, erasure::erase);
    }

    /** Every member's home tells where its building is, once an admin placed it: dispatch measures from there. */
    private static Mono<Void> placed(VolunteerStore volunteers, String building, Double latitude, Double longitude) {
        return building == null || latitude == null || longitude == null ? Mono.empty()
                : volunteers.buildingPlaced(building, latitude, longitude);
    }

    @KafkaListener(id = CONSUMER, topics = Topics.MEMBER_EVENTS, groupId = "volunteer-service", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        handlers.consumeAll(records);
    }
}
