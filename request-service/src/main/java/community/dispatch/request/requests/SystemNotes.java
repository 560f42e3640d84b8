package community.dispatch.request.requests;

import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.request.requests.domain.Channel;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * Notes a municipal system adds to a request it filed (Open311's {@code POST servicerequestupdates}): on the request's
 * timeline, its status unchanged, once per the system's own id for the note.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class SystemNotes {

    private final RequestStore requests;
    private final TimelineStore timeline;
    private final TransactionalOperator transactions;
    private final Clock clock;

    /**
     * Adds the note of {@code system} (its id for it: {@code noteId}) to the request; a note with that id posted before
     * is not added again. Answers the timeline entry's number.
     *
     * @throws DomainException not found (no such request), or forbidden (the request is not one the system filed)
     */
    public Mono<Long> add(UUID requestId, String system, String noteId, String text) {
        return transactions.transactional(requests.lock(requestId)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("request-not-found", "There is no request " + requestId + ".")))
                .flatMap(stored -> {
                    if (!system.equals(stored.sourceSystem()) || stored.request().channel() != Channel.MUNICIPAL) {
                        return Mono.error(DomainException.forbidden("Only the system that filed a request posts updates to it."));
                    }
                    return timeline.postedBefore(system, noteId).switchIfEmpty(Mono.defer(() -> timeline.note(requestId,
                            stored.request().status(), "municipal:" + system, text, clock.instant(), system, noteId)));
                }));
    }
}
