package community.dispatch.request.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.kit.security.Caller;
import community.dispatch.kit.time.CommunityCalendar;
import community.dispatch.request.catalogue.Catalogue;
import community.dispatch.request.catalogue.Category;
import community.dispatch.request.catalogue.Urgency;
import community.dispatch.request.register.Register;
import community.dispatch.request.requests.Deliberations;
import community.dispatch.request.requests.RequestAccess;
import community.dispatch.request.requests.RequestChanges;
import community.dispatch.request.requests.RequestDetails;
import community.dispatch.request.requests.StoredRequest;

import community.dispatch.request.requests.domain.Channel;
import community.dispatch.request.requests.domain.ServiceRequest;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * Where needs enter (詢單): a resident's or a grid worker's submission, and a ticket a municipal system
 * forwarded. Either way one request is built, stored with its first timeline entry and published, and
 * a dispute goes onto the deliberation ladder.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class RequestIntake {

    private static final Logger log = LoggerFactory.getLogger(RequestIntake.class);
    private static final String OTHER = "other";

    private final RequestChanges changes;
    private final RequestAccess access;
    private final Catalogue catalogue;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final JsonMapper json;
    private final Deliberations deliberations;
    private final Clock clock;
    private final CommunityCalendar calendar;
    private final Register register;

    /**
     * Where help is wanted, as dispatch reads it: the building ({@code <compound>/<building>}) and the
     * coordinates, each when known.
     */
    record Place(String building, Double latitude, Double longitude) {
        static final Place UNKNOWN = new Place(null, null, null);
    }

    /** What a submission carries. */
    public record Submission(String categoryCode, Urgency urgency, Channel channel, UUID onBehalfOf,
            RequestDetails details) {
    }

    /** A new request. (A retry with the same Idempotency-Key never gets here: the kit's filter answers it.) */
    public Mono<StoredRequest> submit(Submission submission, Caller caller) {
        return transactions.transactional(create(submission, caller));
    }

    private Mono<StoredRequest> create(Submission submission, Caller caller) {
        return requesterOf(submission, caller).flatMap(requester -> catalogue.forNewRequest(submission.categoryCode()).flatMap(category -> {
            List<Category.AnswerError> errors = category.check(submission.details().attributes());
            if (!errors.isEmpty()) {
                return Mono.error(DomainException.invalid(DomainException.VALIDATION_FAILED,
                        "The answers do not fit category " + category.code() + ".", Map.of("errors", errors)));
            }
            // A category may be COMPLEX by nature (disputes); only staff reclassify a request as COMPLEX.
            if (submission.urgency() == Urgency.COMPLEX && category.slaClass() != Urgency.COMPLEX && !caller.isStaff()) {
                return Mono.error(DomainException.invalid("complex-is-for-staff", "Only staff classify a request as COMPLEX.",
                        Map.of("errors", List.of(Map.of("field", "urgency", "message", "COMPLEX is set by staff")))));
            }
            RequestDetails.TimeWindow window = submission.details().preferredWindow();
            Instant now = clock.instant();
            if (window != null && (!window.to().isAfter(window.from()) || !window.to().toInstant().isAfter(now))) {
                return Mono.error(DomainException.invalidField("preferredWindow", "from before to, and to in the future"));
            }
            Place place = placeOf(submission.details().location(), submission.onBehalfOf() == null ? caller.building() : null);
            Urgency urgency = submission.urgency() == null ? category.slaClass() : submission.urgency();
            RequestDetails.Location location = submission.details().location();
            String compound = location != null && location.compoundCode() != null ? location.compoundCode() : caller.compound();
            ServiceRequest request = ServiceRequest.submitted(UUID.randomUUID(), requester.id().toString(), caller.subject(),
                    submission.channel(), category.code(), urgency, requester.grid(), compound, now,
                    window == null ? null : window.from().toInstant());
            return enter(new StoredRequest(request, json.writeValueAsString(submission.details()), null, null, null), category,
                    caller.subject(), "submitted via " + submission.channel(), requester.id(), window, place);
        }));
    }

    /** For whom a submission is: the member and the grid they live in (when known). */
    private record Requester(UUID id, String grid) {
    }

    /**
     * The caller themself; or, on someone's behalf, an active member of the register — for a grid worker or chief,
     * one living in a grid they serve (staff: anyone in the community). Anyone else is refused alike, so the answer
     * tells nobody who is registered where.
     */
    private Mono<Requester> requesterOf(Submission submission, Caller caller) {
        if (submission.onBehalfOf() == null) {
            if (submission.channel() != Channel.APP) {
                return Mono.error(DomainException.invalidField("channel", "a request for yourself comes through the APP channel"));
            }
            return Mono.just(new Requester(caller.memberId(), caller.grid()));
        }
        if (!caller.isStaff() && !caller.hasRole(RequestAccess.GRID_WORKER)) {
            return Mono.error(DomainException.forbidden("Only grid workers, the five chiefs and staff submit on a resident's behalf."));
        }
        if (submission.channel() == Channel.APP || submission.channel() == Channel.MUNICIPAL) {
            return Mono.error(DomainException.invalidField("channel", "on a resident's behalf the channel is GRID_REPORT, VISIT or HOTLINE"));
        }
        UUID behalf = submission.onBehalfOf();
        return register.gridOfActive(behalf)
                .filter(grid -> !caller.is(behalf) && (caller.isStaff() || caller.serves(grid)))
                .map(grid -> new Requester(behalf, grid.isEmpty() ? null : grid))
                .switchIfEmpty(Mono.error(() -> DomainException.invalidField("onBehalfOf",
                        "is not another active member living in a grid you serve")));
    }

    /**
     * A ticket a municipal system forwarded becomes a request (channel MUNICIPAL) that keeps the
     * system's reference; every event about it carries the reference. A ticket seen before is not
     * taken twice; a category the catalogue does not know becomes "other".
     */
    public Mono<Void> takeTicket(String sourceSystem, String externalRef, String categoryCode, String description,
            String address) {
        return transactions.transactional(changes.tookTicket(sourceSystem, externalRef)
                .flatMap(known -> known ? Mono.<Void>empty() : catalogue.find(categoryCode == null ? OTHER : categoryCode)
                        .filter(Category::active)
                        .switchIfEmpty(Mono.defer(() -> catalogue.forNewRequest(OTHER)))
                        .flatMap(category -> {
                            RequestDetails details = new RequestDetails(description == null ? "" : description, Map.of(),
                                    new RequestDetails.Location(null, null, null, null, null, address), null, List.of(),
                                    RequestDetails.ContactPreference.PHONE, false, null);
                            return enterMunicipal(sourceSystem, externalRef, category, details, Place.UNKNOWN,
                                    "forwarded by " + sourceSystem + " as " + externalRef).then();
                        })));
    }

    /**
     * A request a municipal system files through Open311 (channel MUNICIPAL, the system as its source): unlike a
     * forwarded ticket it is answered at once, so it is checked like a resident's — an active category, answers
     * that fit it, a place inside the community.
     */
    public Mono<StoredRequest> file(String sourceSystem, String categoryCode, RequestDetails details) {
        return transactions.transactional(catalogue.forNewRequest(categoryCode).flatMap(category -> {
            List<Category.AnswerError> errors = category.check(details.attributes());
            if (!errors.isEmpty()) {
                return Mono.error(DomainException.invalid(DomainException.VALIDATION_FAILED,
                        "The answers do not fit category " + category.code() + ".", Map.of("errors", errors)));
            }
            return enterMunicipal(sourceSystem, null, category, details, placeOf(details.location(), null),
                    "filed through Open311 by " + sourceSystem);
        }));
    }

    private Mono<StoredRequest> enterMunicipal(String sourceSystem, String externalRef, Category category, RequestDetails details,
            Place place, String how) {
        String requester = "municipal:" + sourceSystem;
        RequestDetails.Location location = details.location();
        ServiceRequest request = ServiceRequest.submitted(UUID.randomUUID(), requester, requester, Channel.MUNICIPAL,
                category.code(), category.slaClass(), null, location == null ? null : location.compoundCode(), clock.instant());
        StoredRequest stored = new StoredRequest(request, json.writeValueAsString(details), externalRef, sourceSystem, null);
        return enter(stored, category, requester, how, null, null, place);
    }

    /** Stores a new request with its first timeline entry and its event; a dispute starts deliberating. */
    private Mono<StoredRequest> enter(StoredRequest stored, Category category, String actor, String how, UUID requesterMember,
            RequestDetails.TimeWindow window, Place place) {
        ServiceRequest request = stored.request();
        return changes.enter(stored, actor, how)
                .then(outbox.record(new RequestSubmitted(request.id(), category.code(), request.urgency().name(),
                        request.channel().name(), requesterMember, request.submittedAt(), category.route().name(),
                        request.compoundCode(), request.gridCode(), window == null ? null : window.from().toInstant(),
                        window == null ? null : window.to().toInstant(), place.building(), place.latitude(), place.longitude(),
                        submitter(request)), stored.externalRef()))
                .then(Logged.line(() -> log.info("Request {} {} ({}, {})", request.id(), how, category.code(), request.urgency())))
                .thenReturn(stored)
                .flatMap(entered -> category.route() == Category.Route.DELIBERATION ? deliberations.start(entered) : Mono.just(entered));
    }

    /** Open requests the new one may repeat, among those the caller may see, and how many there are in all. */
    public Mono<RequestAccess.Hints> hintsFor(StoredRequest submitted, Caller caller) {
        RequestDetails details = json.readValue(submitted.details(), RequestDetails.class);
        return access.similarTo(submitted.request(), details.location(), 50, caller);
    }

    /**
     * The place a submission names — its compound and building, coordinates from the app (both, and within the
     * community's area) — or else the requester's home building ({@code home}: the caller's own, when they ask
     * for themself).
     */
    private Place placeOf(RequestDetails.Location location, String home) {
        if (location == null) {
            return new Place(home, null, null);
        }
        if ((location.latitude() == null) != (location.longitude() == null)) {
            throw DomainException.invalidField("location.longitude", "give latitude and longitude together, or neither");
        }
        if (location.latitude() != null && !calendar.area().contains(location.latitude(), location.longitude())) {
            throw DomainException.invalidField("location.latitude", "the place is outside the community's area");
        }
        String building = location.compoundCode() != null && location.buildingCode() != null
                ? location.compoundCode() + "/" + location.buildingCode() : home;
        return new Place(building, location.latitude(), location.longitude());
    }

    /** Who entered the request when not the requester (a member: a grid worker or staff), else null. */
    private static UUID submitter(ServiceRequest request) {
        return request.submittedBy() == null || request.submittedBy().equals(request.requesterId()) ? null
                : uuidOrNull(request.submittedBy());
    }

    private static UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }
}
