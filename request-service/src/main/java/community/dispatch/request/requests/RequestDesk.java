package community.dispatch.request.requests;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.events.request.RequestEvaluated;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.web.problem.DomainProblem;
import community.dispatch.kit.security.Caller;
import community.dispatch.request.catalogue.Catalogue;
import community.dispatch.request.catalogue.Category;
import community.dispatch.request.requests.RequestStore.Stored;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where needs enter and move: submissions, who may see which request, the requester's cancellation
 * and evaluation, staff decisions, what volunteers did (from order events) and timers. Every move
 * is locked, recorded in the timeline and published through the outbox in one transaction.
 */
@Service
@EnableConfigurationProperties(RequestProperties.class)
public class RequestDesk {

    private static final Logger log = LoggerFactory.getLogger(RequestDesk.class);
    private static final String GRID_WORKER = "GRID_WORKER";

    private final RequestStore store;
    private final Catalogue catalogue;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final JsonMapper json;
    private final RequestProperties properties;
    private final RequestChanges changes;
    private final DisputeLadder ladder;
    private final Clock clock;

    public RequestDesk(RequestStore store, Catalogue catalogue, Outbox outbox, TransactionalOperator transactions,
            JsonMapper json, RequestProperties properties, RequestChanges changes, DisputeLadder ladder) {
        this.changes = changes;
        this.ladder = ladder;
        this.store = store;
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.transactions = transactions;
        this.json = json;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** A new request: answered by the first one when the caller repeats an Idempotency-Key. */
    public Mono<Stored> submit(Submission submission, String idempotencyKey, Caller caller) {
        return transactions.transactional((idempotencyKey == null ? Mono.<UUID>empty()
                        : store.idempotent(caller.subject(), idempotencyKey))
                .flatMap(store::find)
                .switchIfEmpty(Mono.defer(() -> create(submission, caller)
                        .flatMap(stored -> idempotencyKey == null ? Mono.just(stored)
                                : store.rememberIdempotent(caller.subject(), idempotencyKey, stored.request().id())
                                        .thenReturn(stored)))));
    }

    private Mono<Stored> create(Submission submission, Caller caller) {
        return catalogue.forNewRequest(submission.categoryCode()).flatMap(category -> {
            List<Category.AnswerError> errors = category.check(submission.details().attributes());
            if (!errors.isEmpty()) {
                return Mono.error(new DomainProblem(HttpStatus.BAD_REQUEST, "validation-failed",
                        "The answers do not fit category " + category.code() + ".", Map.of("errors", errors)));
            }
            Urgency urgency = submission.urgency() == null ? category.slaClass() : submission.urgency();
            // A category may be COMPLEX by nature (disputes); only staff reclassify a request as COMPLEX.
            if (submission.urgency() == Urgency.COMPLEX && category.slaClass() != Urgency.COMPLEX && !caller.isStaff()) {
                return Mono.error(new DomainProblem(HttpStatus.BAD_REQUEST, "complex-is-for-staff",
                        "Only staff classify a request as COMPLEX.", Map.of("errors",
                                List.of(Map.of("field", "urgency", "message", "COMPLEX is set by staff")))));
            }
            String requester = requesterOf(submission, caller);
            String compound = submission.details().location() != null && submission.details().location().compoundCode() != null
                    ? submission.details().location().compoundCode() : caller.compound();
            ServiceRequest request = ServiceRequest.submitted(UUID.randomUUID(), requester, caller.subject(),
                    submission.channel(), category.code(), urgency, caller.grid(), compound, Instant.now(clock));
            String details = json.writeValueAsString(submission.details());
            return store.insert(request, details, null, null)
                    .then(store.append(request.id(), new ServiceRequest.Move(null, Status.SUBMITTED, caller.subject(),
                            "submitted via " + submission.channel(), request.submittedAt())))
                    .then(outbox.record(new RequestSubmitted(request.id(), category.code(), urgency.name(),
                            submission.channel().name(), uuidOrNull(requester), request.submittedAt(),
                            category.route().name(), request.compoundCode(), request.gridCode())))
                    .doOnSuccess(event -> log.info("Request {} submitted ({}, {})", request.id(), category.code(), urgency))
                    .thenReturn(new Stored(request, details, null, null, null))
                    .flatMap(stored -> category.route() == Category.Route.DELIBERATION ? ladder.start(stored) : Mono.just(stored));
        });
    }

    private static String requesterOf(Submission submission, Caller caller) {
        if (submission.onBehalfOf() == null) {
            if (submission.channel() != Channel.APP) {
                throw invalid("channel", "a request for yourself comes through the APP channel");
            }
            return caller.memberId().toString();
        }
        if (!caller.isStaff() && !caller.hasRole(GRID_WORKER)) {
            throw new DomainProblem(HttpStatus.FORBIDDEN, "forbidden",
                    "Only grid workers, the five chiefs and staff submit on a resident's behalf.");
        }
        if (submission.channel() == Channel.APP || submission.channel() == Channel.MUNICIPAL) {
            throw invalid("channel", "on a resident's behalf the channel is GRID_REPORT, VISIT or HOTLINE");
        }
        return submission.onBehalfOf().toString();
    }

    /**
     * A ticket a municipal system forwarded becomes a request (channel MUNICIPAL) that keeps the
     * system's reference; every event about it carries the reference. A ticket seen before is not
     * taken twice; a category the catalogue does not know becomes "other".
     */
    public Mono<Void> intake(String sourceSystem, String externalRef, String categoryCode, String description,
            String address) {
        return transactions.transactional(store.byExternalReference(sourceSystem, externalRef)
                .hasElement()
                .flatMap(known -> known ? Mono.<Void>empty() : catalogue.find(categoryCode == null ? "other" : categoryCode)
                        .filter(Category::active)
                        .switchIfEmpty(Mono.defer(() -> catalogue.forNewRequest("other")))
                        .flatMap(category -> {
                            RequestDetails details = new RequestDetails(description == null ? "" : description, Map.of(),
                                    new RequestDetails.Location(null, null, null, null, null, address), null, List.of(),
                                    RequestDetails.ContactPreference.PHONE, false);
                            String requester = "municipal:" + sourceSystem;
                            ServiceRequest request = ServiceRequest.submitted(UUID.randomUUID(), requester, requester,
                                    Channel.MUNICIPAL, category.code(), category.slaClass(), null, null, Instant.now(clock));
                            String json = this.json.writeValueAsString(details);
                            return store.insert(request, json, externalRef, sourceSystem)
                                    .then(store.append(request.id(), new ServiceRequest.Move(null, Status.SUBMITTED,
                                            requester, "forwarded by " + sourceSystem + " as " + externalRef,
                                            request.submittedAt())))
                                    .then(outbox.record(new RequestSubmitted(request.id(), category.code(),
                                            request.urgency().name(), Channel.MUNICIPAL.name(), null,
                                            request.submittedAt(), category.route().name(), null, null), externalRef))
                                    .doOnSuccess(event -> log.info("Request {} taken in from {} ({})", request.id(),
                                            sourceSystem, externalRef))
                                    .then(category.route() == Category.Route.DELIBERATION
                                            ? ladder.start(new Stored(request, json, externalRef, sourceSystem, null)).then()
                                            : Mono.empty());
                        })));
    }

    /** A request the caller may see: their own; their grid's for grid workers; any for staff. Others are 404. */
    public Mono<Stored> get(UUID id, Caller caller) {
        return store.find(id).filter(stored -> maySee(stored.request(), caller))
                .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    public Flux<RequestStore.TimelineEntry> timeline(UUID id, Caller caller) {
        return get(id, caller).flatMapMany(stored -> store.timeline(id));
    }

    /** A page of the requests the caller may see, newest first. */
    public Mono<Page> list(RequestStore.Filter wanted, int page, int size, Caller caller) {
        RequestStore.Filter filter;
        if (caller.isStaff()) {
            filter = wanted;
        }
        else if (caller.hasRole(GRID_WORKER) && caller.grid() != null && wanted.requesterId() == null) {
            filter = new RequestStore.Filter(null, caller.grid(), wanted.status(), wanted.categoryCode(),
                    wanted.compoundCode(), wanted.urgency(), wanted.overdue(), wanted.from(), wanted.to());
        }
        else {
            filter = new RequestStore.Filter(caller.subject(), null, wanted.status(), wanted.categoryCode(),
                    wanted.compoundCode(), wanted.urgency(), wanted.overdue(), wanted.from(), wanted.to());
        }
        return Mono.zip(store.page(filter, page, size).collectList(), store.count(filter))
                .map(found -> new Page(found.getT1(), page, size, found.getT2()));
    }

    public record Page(List<Stored> items, int page, int size, long total) {
    }

    /** The requester (or staff) withdraws a request before work starts. */
    public Mono<Stored> cancel(UUID id, String reason, Caller caller) {
        return change(id, caller, stored -> {
            if (!caller.isStaff() && !isRequester(stored.request(), caller)) {
                throw notFound(id);
            }
            if (!stored.request().status().beforeWork()) {
                throw new IllegalMove(stored.request().status(), Status.CANCELLED);
            }
            return stored.request().moveTo(Status.CANCELLED, caller.subject(), reason, Instant.now(clock),
                    properties.evaluationWindow());
        });
    }

    /** Open requests the new one may repeat, among those the caller may see, and how many there are in all. */
    public Mono<Hints> hintsFor(Stored submitted, Caller caller) {
        RequestDetails details = json.readValue(submitted.details(), RequestDetails.class);
        return store.possibleDuplicates(submitted.request(), details.location(), 50).collectList()
                .map(similar -> new Hints(similar.size(), similar.stream()
                        .filter(other -> maySee(other.request(), caller))
                        .map(Stored::request).toList()));
    }

    public record Hints(int similarOpenRequests, List<ServiceRequest> visible) {
    }

    /** Staff close a request that repeats another; it points to the original. */
    public Mono<Stored> closeAsDuplicate(UUID id, UUID original, Caller caller) {
        requireStaff(caller);
        return transactions.transactional(store.find(original).switchIfEmpty(Mono.error(() -> notFound(original)))
                .then(store.lock(id)).switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(stored -> changes.persist(stored, stored.request().closeAsDuplicateOf(original, caller.subject(),
                        Instant.now(clock))))
                .flatMap(stored -> store.markDuplicate(id, original).then(store.find(id))));
    }

    /** Staff reclassify a request's urgency, e.g. as COMPLEX; its deadlines are counted again. */
    public Mono<Stored> reclassify(UUID id, Urgency urgency, Caller caller) {
        requireStaff(caller);
        return change(id, caller, stored -> stored.request().reclassify(urgency, caller.subject(), Instant.now(clock)));
    }

    /** Staff turn a request down as out of scope (退單). */
    public Mono<Stored> reject(UUID id, String reason, Caller caller) {
        requireStaff(caller);
        return change(id, caller, stored -> stored.request().moveTo(Status.REJECTED, caller.subject(), reason,
                Instant.now(clock), properties.evaluationWindow()));
    }

    /** The requester rates resolved work (評單): 1–2 stars reopens it, 3–5 closes it. */
    public Mono<Stored> evaluate(UUID id, int rating, String comment, Caller caller) {
        return transactions.transactional(store.lock(id)
                .filter(stored -> maySee(stored.request(), caller))
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(stored -> {
                    if (!isRequester(stored.request(), caller)) {
                        return Mono.error(new DomainProblem(HttpStatus.FORBIDDEN, "forbidden", "Only the requester evaluates."));
                    }
                    ServiceRequest.Changed changed = stored.request().evaluate(rating, caller.subject(), Instant.now(clock),
                            properties.evaluationWindow());
                    return outbox.record(new RequestEvaluated(id, rating, comment), stored.externalRef())
                            .then(changes.persist(stored, changed))
                            .flatMap(after -> after.request().status() == Status.REOPENED ? ladder.restartIfDispute(after)
                                    : Mono.just(after));
                }));
    }

    /** What volunteer-service reports: the request walks forward to the status, never back. */
    public Mono<Void> advance(UUID id, Status target, String actor, String reason) {
        return transactions.transactional(store.lock(id)
                .flatMap(stored -> {
                    ServiceRequest.Changed changed = stored.request().advanceTo(target, actor, reason, Instant.now(clock),
                            properties.evaluationWindow());
                    if (!changed.changed()) {
                        log.info("Request {} is {}; an order event for {} changes nothing", id, stored.request().status(), target);
                        return Mono.empty();
                    }
                    return changes.persist(stored, changed).then();
                }));
    }

    /** The volunteer gave the order back before starting: the request is being dispatched again. */
    public Mono<Void> released(UUID id, String actor, String reason) {
        return transactions.transactional(store.lock(id)
                .filter(stored -> stored.request().status() == Status.ASSIGNED)
                .flatMap(stored -> changes.persist(stored, stored.request().moveTo(Status.DISPATCHING, actor, reason,
                        Instant.now(clock), properties.evaluationWindow())))
                .then());
    }

    /** Remembers the team the request went to, for the figures per team. */
    public Mono<Void> offeredToTeam(UUID id, String teamKey) {
        return teamKey == null ? Mono.empty() : store.setTeam(id, teamKey);
    }

    /** Nobody could be found: staff must act. */
    public Mono<Void> escalate(UUID id, String reason) {
        return transactions.transactional(store.lock(id)
                .filter(stored -> stored.request().status().next().contains(Status.ESCALATED))
                .flatMap(stored -> changes.persist(stored, stored.request().moveTo(Status.ESCALATED, "volunteer-service", reason,
                        Instant.now(clock), properties.evaluationWindow())))
                .then());
    }

    /** Fires the timers that are due — request deadlines, then dispute rungs; answers how many moved. */
    public Mono<Long> fireDueTimers(int limit) {
        Instant now = Instant.now(clock);
        Mono<Long> requestTimers = transactions.transactional(store.claimDue(now, limit)
                .concatMap(id -> store.lock(id).flatMap(stored -> {
                    ServiceRequest.Changed changed = stored.request().timerFired(now, properties.evaluationWindow());
                    return changed.changed() ? changes.persist(stored, changed).thenReturn(1L) : Mono.just(0L);
                }))
                .reduce(0L, Long::sum));
        return requestTimers.zipWith(transactions.transactional(ladder.climbOverdue(limit)), Long::sum);
    }

    /** Where a dispute stands on the deliberation ladder, for those who may see the request. */
    public Mono<DisputeLadder.Standing> deliberation(UUID id, Caller caller) {
        return get(id, caller).flatMap(stored -> ladder.standing(id))
                .switchIfEmpty(Mono.error(() -> new DomainProblem(HttpStatus.NOT_FOUND, "not-a-dispute",
                        "Request " + id + " is not on the deliberation ladder.")));
    }

    /** Staff record a session; a settlement resolves the dispute. */
    public Mono<Stored> recordSession(UUID id, LocalDate heldOn, List<String> parties, DisputeLadder.Outcome outcome,
            String notes, Caller caller) {
        requireStaff(caller);
        return transactions.transactional(store.lock(id).switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(stored -> ladder.record(stored, heldOn, parties, outcome, notes, caller.subject())));
    }

    /** Staff take an unsettled dispute to the next rung. */
    public Mono<Stored> climbLadder(UUID id, String reason, Caller caller) {
        requireStaff(caller);
        return transactions.transactional(store.lock(id).switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(stored -> ladder.climb(stored, caller.subject(), reason == null ? "staff decision" : reason)));
    }

    private Mono<Stored> change(UUID id, Caller caller, Function<Stored, ServiceRequest.Changed> move) {
        return transactions.transactional(store.lock(id)
                .filter(stored -> maySee(stored.request(), caller))
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(stored -> changes.persist(stored, move.apply(stored))));
    }

    private static boolean maySee(ServiceRequest request, Caller caller) {
        return caller.isStaff() || isRequester(request, caller) || request.submittedBy().equals(caller.subject())
                || (caller.hasRole(GRID_WORKER) && caller.grid() != null && caller.grid().equals(request.gridCode()));
    }

    private static boolean isRequester(ServiceRequest request, Caller caller) {
        return request.requesterId().equals(caller.subject());
    }

    private static void requireStaff(Caller caller) {
        if (!caller.isStaff()) {
            throw new DomainProblem(HttpStatus.FORBIDDEN, "forbidden", "Only staff may do this.");
        }
    }

    private static UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    static DomainProblem notFound(UUID id) {
        return new DomainProblem(HttpStatus.NOT_FOUND, "request-not-found", "There is no request " + id + ".");
    }

    static DomainProblem invalid(String field, String message) {
        return new DomainProblem(HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid fields.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    /** What a submission carries. */
    public record Submission(String categoryCode, Urgency urgency, Channel channel, UUID onBehalfOf,
            RequestDetails details) {
    }
}
