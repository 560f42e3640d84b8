package community.dispatch.volunteer.privacy;

import org.springframework.stereotype.Service;

import community.dispatch.events.member.MemberErased;
import community.dispatch.events.order.MemberErasedFromOrders;
import community.dispatch.kit.outbox.Outbox;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * volunteer-service's part of erasing a person (member-service's {@code member.erased}): as a volunteer they take no
 * more offers and lose their home, skills, availability and leadership; as a requester their requests' dispatches lose
 * where they live; notes on the orders either way go. Orders and hours stay, so the time bank's totals do not change.
 * The confirmation is published in the same transaction as the inbox marks the event handled.
 */
@Service
@RequiredArgsConstructor
public class VolunteerErasure {

    private final ErasureStore store;
    private final Outbox outbox;

    public Mono<Void> erase(MemberErased erased) {
        return store.erase(erased.memberId())
                .flatMap(orders -> outbox.record(new MemberErasedFromOrders(erased.memberId(), orders)))
                .then();
    }
}
