package community.dispatch.volunteer.dispatching;

import java.time.Instant;
import java.util.UUID;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;

import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.kit.streams.EventStreams;
import community.dispatch.kit.streams.EventStreams.Framing;
import community.dispatch.kit.streams.Interest;
import reactor.core.publisher.Flux;

/** A volunteer's live stream: the order events that name them, from whichever instance made them. */
@Service
class OrderStream {

    private final EventStreams streams;
    private final Framing<OrderNews> framing;

    OrderStream(EventStreams streams, EventCodec codec) {
        this.streams = streams;
        this.framing = new Framing<>(event -> OrderNews.of(event, codec.data(event)), OrderNews::change, OrderNews.RESET);
    }

    Flux<ServerSentEvent<OrderNews>> of(UUID volunteer, String lastEventId, Instant until) {
        return streams.open(Interest.naming(Topics.ORDER_EVENTS, "volunteerId", volunteer.toString()), lastEventId, until, framing);
    }
}
