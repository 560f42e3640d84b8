package community.dispatch.request.requests;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;

import community.dispatch.request.requests.domain.ServiceRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * Who may see and act on which request — the one policy every endpoint of the feature asks — and the
 * reads that follow it: a resident sees their own requests (and those they submitted for someone), a
 * grid worker those of the grids staff assigned them to (never by where they live), staff all; anyone
 * else's request is "not found".
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class RequestAccess {

    /** The role of those who serve grids: they see and submit for the residents of the grids they serve. */
    public static final String GRID_WORKER = "GRID_WORKER";

    private final RequestStore store;
    private final TimelineStore history;
    private final Clock clock;

    /** A request the caller may see; others are 404. */
    public Mono<StoredRequest> get(UUID id, Caller caller) {
        return store.find(id).filter(stored -> maySee(stored.request(), caller))
                .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    public Flux<TimelineEntry> timeline(UUID id, Caller caller) {
        return get(id, caller).flatMapMany(stored -> history.timeline(id));
    }

    /** A page of the requests the caller may see, newest first; the filter is narrowed to what they may see. */
    public Mono<Page> list(RequestFilter wanted, int page, int size, Caller caller) {
        RequestFilter filter;
        if (caller.isStaff()) {
            filter = wanted;
        }
        else if (caller.hasRole(GRID_WORKER) && !caller.servedGrids().isEmpty()) {
            filter = wanted.withinGrids(caller.servedGrids());
        }
        else {
            filter = wanted.ofRequester(caller.subject());
        }
        Instant now = clock.instant();
        return Mono.zip(store.page(filter, now, page, size).collectList(), store.count(filter, now))
                .map(found -> new Page(found.getT1(), page, size, found.getT2()));
    }

    /** The ids of the calling member's newest requests, at most {@code limit}: what their live stream follows (a machine client is no member: 404). */
    public Flux<UUID> newestOfCaller(Caller caller, int limit) {
        return store.newestOf(caller.memberId().toString(), limit);
    }

    /** The ids of a grid's newest requests, at most {@code limit}: staff's and those who serve the grid, no one else's. */
    public Flux<UUID> newestInGrid(String grid, Caller caller, int limit) {
        if (!caller.isStaff() && !caller.serves(grid)) {
            return Flux.error(DomainException.forbidden("Only staff and those who serve the grid see its board."));
        }
        return store.newestInGrid(grid, limit);
    }

    /**
     * Open requests a new one may repeat — the same category from the last 7 days, in the same building or within
     * {@code metres} — how many there are in all, and those of them the caller may see.
     */
    public Mono<Hints> similarTo(ServiceRequest submitted, RequestDetails.Location location, int metres, Caller caller) {
        return store.possibleDuplicates(submitted, location, metres).collectList()
                .map(similar -> new Hints(similar.size(), similar.stream()
                        .filter(other -> maySee(other.request(), caller))
                        .map(StoredRequest::request).toList()));
    }

    /** Open requests like a new one: how many in all, and those the caller may see. */
    public record Hints(int similarOpenRequests, List<ServiceRequest> visible) {
    }

    /** The most requests an export lists: more than a resident makes in a lifetime. */
    static final int MOST_EXPORTED = 10_000;

    /**
     * Everything about the person's requests — what they wrote, the timelines — for their export: the person and staff
     * only (a grid worker serving them is not the person). Oldest first.
     */
    public Flux<WithTimeline> ofPerson(UUID member, Caller caller) {
        if (!caller.isStaff() && !caller.is(member)) {
            return Flux.error(DomainException.forbidden("Only the person and staff export a person's data."));
        }
        return store.newestOf(member.toString(), MOST_EXPORTED).concatMap(store::find).collectList()
                .flatMapMany(found -> {
                    List<StoredRequest> oldestFirst = new ArrayList<>(found);
                    Collections.reverse(oldestFirst);
                    return Flux.fromIterable(oldestFirst);
                })
                .concatMap(stored -> history.timeline(stored.request().id()).collectList()
                        .map(timeline -> new WithTimeline(stored, timeline)));
    }

    /** A request with every move it made. */
    public record WithTimeline(StoredRequest stored, List<TimelineEntry> timeline) {
    }

    public record Page(List<StoredRequest> items, int page, int size, long total) {
    }

    static boolean maySee(ServiceRequest request, Caller caller) {
        return caller.isStaff() || isRequester(request, caller) || request.submittedBy().equals(caller.subject())
                || (caller.hasRole(GRID_WORKER) && caller.serves(request.gridCode()));
    }

    static boolean isRequester(ServiceRequest request, Caller caller) {
        return request.requesterId().equals(caller.subject());
    }

    static void requireStaff(Caller caller) {
        if (!caller.isStaff()) {
            throw DomainException.forbidden("Only staff may do this.");
        }
    }

    static DomainException notFound(UUID id) {
        return DomainException.notFound("request-not-found", "There is no request " + id + ".");
    }
}
