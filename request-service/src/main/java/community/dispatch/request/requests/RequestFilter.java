package community.dispatch.request.requests;

import java.time.Instant;
import java.util.Set;

import community.dispatch.request.catalogue.Urgency;
import community.dispatch.request.requests.domain.Status;

/** What a list of requests asks for; {@code grids}, when not null, keeps only requests of those grids. */
public record RequestFilter(String requesterId, String gridCode, Status status, String categoryCode, String compoundCode,
        Urgency urgency, Boolean overdue, Instant from, Instant to, Set<String> grids) {

    /** The same filter, limited to one requester's requests. */
    RequestFilter ofRequester(String requester) {
        return new RequestFilter(requester, gridCode, status, categoryCode, compoundCode, urgency, overdue, from, to, grids);
    }

    /** The same filter, limited to requests of these grids. */
    RequestFilter withinGrids(Set<String> served) {
        return new RequestFilter(requesterId, gridCode, status, categoryCode, compoundCode, urgency, overdue, from, to, served);
    }
}
