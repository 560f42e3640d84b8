package community.dispatch.volunteer.dispatching;

import java.time.Instant;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;

import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.kit.streams.EventStreams;
import community.dispatch.kit.streams.EventStreams.Framing;
import community.dispatch.kit.streams.Interest;
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

    Flux<ServerSentEvent<BoardNews>> of(String team, boolean staff, String lastEventId, Instant until) {
        Framing<BoardNews> framing = new Framing<>(event -> BoardNews.of(event, codec.data(event), team, staff), BoardNews::change,
                BoardNews.RESET);
        return orders.ofTeam(team, null).map(order -> order.requestId().toString()).distinct().collectList()
                .flatMapMany(requests -> streams.open(Interest.following(Topics.ORDER_EVENTS, requests, team, "teamKey", "teams"),
                        lastEventId, until, framing));
    }
}
