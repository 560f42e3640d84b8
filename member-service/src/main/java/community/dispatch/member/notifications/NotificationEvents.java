package community.dispatch.member.notifications;

import java.util.UUID;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.events.request.RequestResolved;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.events.request.RequestUpdated;
import community.dispatch.kit.inbox.EventHandlers;
import community.dispatch.kit.inbox.EventInbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The events people are told of: an offer to a volunteer; a resident's request taken by a volunteer and
 * resolved (its requester is remembered from the submission, the only request event that names them); a request nobody takes, to
 * whom its rule's {@code notifyRoles} names — the teams' leaders (TEAM_LEADER) and those serving the
 * request's grid (GRID_WORKER). Each event once.
 */
@Component
class NotificationEvents {

    static final String CONSUMER = "member-service.notifications";
    /** The status request-service's request.updated.v1 names when a volunteer took the request. */
    private static final String ASSIGNED = "ASSIGNED";

    private final EventHandlers handlers;

    NotificationEvents(EventInbox inbox, Notifier notifier, NotificationStore store) {
        this.handlers = inbox.consumer(CONSUMER)
                .on(OrderOffered.class, offered -> notifier.tell(offered.orderId() + "/offered", offered.volunteerId(),
                        Notification.Kind.OFFER, offered.expiresAt()))
                .on(OrderUnassignable.class, unassignable -> Flux.concat(Flux.fromIterable(unassignable.leaders()),
                                unassignable.notifyRoles().contains("GRID_WORKER") ? store.servingGridOf(unassignable.requestId())
                                        : Flux.<UUID>empty())
                        .distinct()
                        .concatMap(member -> notifier.tell(unassignable.requestId() + "/unassignable", member,
                                Notification.Kind.UNASSIGNABLE, null))
                        .then())
                .on(RequestSubmitted.class, submitted -> store.remember(submitted.requestId(), submitted.requesterId(),
                        submitted.gridCode()))
                .on(RequestUpdated.class, updated -> updated.movedTo().filter(ASSIGNED::equals).isPresent()
                        ? store.requesterOf(updated.requestId())
                                .flatMap(requester -> notifier.tell(updated.requestId() + "/assigned", requester,
                                        Notification.Kind.ASSIGNED, null))
                        : Mono.empty())
                .on(RequestResolved.class, resolved -> store.requesterOf(resolved.requestId())
                        .flatMap(requester -> notifier.tell(resolved.requestId() + "/resolved/" + resolved.resolvedAt(), requester,
                                Notification.Kind.RESOLVED, null))
                        .then(Mono.empty()));
    }

    @KafkaListener(id = CONSUMER, topics = { Topics.ORDER_EVENTS, Topics.REQUEST_EVENTS }, groupId = "member-service", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        handlers.consumeAll(records);
    }
}
