package community.dispatch.volunteer.dispatching;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;

import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.kit.security.Caller;
import community.dispatch.kit.streams.EventStreams;
import community.dispatch.kit.streams.EventStreams.Framing;
import community.dispatch.kit.streams.Interest;
import community.dispatch.volunteer.teams.Volunteers;
import reactor.core.publisher.Flux;
import lombok.RequiredArgsConstructor;

/**
 * A team's live dispatch board: the moves of the requests offered to its volunteers (those on its board
 * when the stream opens, and each one offered meanwhile) and the requests nobody takes whose rule names
 * the team, from whichever instance made them.
 */
@Service
@RequiredArgsConstructor
class BoardStream {

    private final EventStreams streams;
    private final OrderStore orders;
    private final EventCodec codec;
    private final Volunteers volunteers;

    /**
     * The team's board: the moves of its own orders — those it had when the stream opened and each one offered to it
     * meanwhile (another team's volunteer taking a request of a category both serve is not this team's business) —
     * and the requests nobody takes whose rule names the team. For staff and the team's leaders.
     */
    Flux<ServerSentEvent<BoardNews>> of(String team, Caller caller, String lastEventId, Instant until) {
        return volunteers.overseeing(team, caller, "board").flatMapMany(scope -> of(team, scope.staff(), lastEventId, until));
    }

    private Flux<ServerSentEvent<BoardNews>> of(String team, boolean staff, String lastEventId, Instant until) {
        return orders.ofTeam(team, null).collectList().flatMapMany(known -> {
            Set<UUID> teamsOrders = ConcurrentHashMap.newKeySet();
            known.forEach(order -> teamsOrders.add(order.id()));
            Framing<BoardNews> framing = new Framing<>(event -> BoardNews.of(event, codec.data(event), team, staff, teamsOrders),
                    BoardNews::change, BoardNews.RESET);
            List<String> requests = known.stream().map(order -> order.requestId().toString()).distinct().toList();
            return streams.open(Interest.following(Topics.ORDER_EVENTS, requests, team, "teamKey", "teams"), lastEventId, until,
                    framing);
        });
    }
}
