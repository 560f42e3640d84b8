package community.dispatch.request.live;

import java.time.Instant;
import java.util.UUID;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;

import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.kit.streams.EventStreams;
import community.dispatch.kit.streams.EventStreams.Framing;
import community.dispatch.kit.streams.Interest;
import community.dispatch.kit.security.Caller;
import community.dispatch.request.requests.RequestAccess;
import reactor.core.publisher.Flux;

/**
 * A resident's live stream of their requests' moves: the request events about the requests they had when
 * they connected and about each one they submit meanwhile, from whichever instance recorded them; and a
 * grid's, the same for the requests in the grid.
 */
@Service
class RequestStream {

    /** The requests a stream starts following: the requester's newest, enough for anyone's open ones. */
    private static final int FOLLOWED = 500;

    private final EventStreams streams;
    private final RequestAccess access;
    private final Framing<RequestNews> framing;

    RequestStream(EventStreams streams, RequestAccess access, EventCodec codec) {
        this.streams = streams;
        this.access = access;
        this.framing = new Framing<>(event -> RequestNews.of(event, codec.data(event)), RequestNews::change, RequestNews.RESET);
    }

    /**
     * A grid's board: the moves of its requests, those it had and each one submitted in it meanwhile (for those who may
     * see it: {@link RequestAccess#newestInGrid}).
     */
    Flux<ServerSentEvent<RequestNews>> ofGrid(String grid, Caller caller, String lastEventId, Instant until) {
        return access.newestInGrid(grid, caller, FOLLOWED).map(UUID::toString).collectList()
                .flatMapMany(requests -> streams.open(Interest.following(Topics.REQUEST_EVENTS, requests, grid, "gridCode"),
                        lastEventId, until, framing));
    }

    /** The caller's own: the moves of the requests they had and of each one they submit meanwhile. */
    Flux<ServerSentEvent<RequestNews>> of(Caller caller, String lastEventId, Instant until) {
        return access.newestOfCaller(caller, FOLLOWED).map(UUID::toString).collectList()
                .flatMapMany(requests -> streams.open(Interest.following(Topics.REQUEST_EVENTS, requests, caller.subject(),
                        "requesterId"), lastEventId, until, framing));
    }
}
