package community.dispatch.request.privacy;

import org.springframework.stereotype.Service;

import community.dispatch.events.member.MemberErased;
import community.dispatch.events.request.MemberErasedFromRequests;
import community.dispatch.kit.outbox.Outbox;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * request-service's part of erasing a person (member-service's {@code member.erased}): their requests keep what the
 * KPIs count and lose what they wrote and where they live — description, attributes, photos, contact, home, the
 * notes on their timelines and deliberations, the comment of their evaluation in the events kept for replay — and
 * the confirmation is published in the same transaction as the inbox marks the event handled.
 */
@Service
@RequiredArgsConstructor
public class RequesterErasure {

    private final ErasureStore store;
    private final Outbox outbox;

    public Mono<Void> erase(MemberErased erased) {
        return store.erase(erased.memberId())
                .flatMap(requests -> outbox.record(new MemberErasedFromRequests(erased.memberId(), requests)))
                .then();
    }
}
