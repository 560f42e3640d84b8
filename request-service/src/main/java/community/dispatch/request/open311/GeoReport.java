package community.dispatch.request.open311;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Service;
import org.springframework.util.MultiValueMap;

import community.dispatch.errors.DomainException;
import community.dispatch.request.catalogue.Catalogue;
import community.dispatch.request.catalogue.Category;
import community.dispatch.request.intake.RequestIntake;
import community.dispatch.request.requests.SystemNotes;
import community.dispatch.request.open311.GeoReportViews.Attribute;
import community.dispatch.request.open311.GeoReportViews.Created;
import community.dispatch.request.open311.GeoReportViews.Discovery;
import community.dispatch.request.open311.GeoReportViews.Endpoint;
import community.dispatch.request.open311.GeoReportViews.PostedUpdate;
import community.dispatch.request.open311.GeoReportViews.Request;
import community.dispatch.request.open311.GeoReportViews.ServiceDefinition;
import community.dispatch.request.open311.GeoReportViews.Token;
import community.dispatch.request.open311.GeoReportViews.Update;
import community.dispatch.request.open311.GeoReportViews.Value;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * GeoReport v2 over the community's catalogue and requests. Reads are public and show nothing personal: a
 * resident's own words, coordinates and photos are not published (nor a forwarded hotline ticket's), only
 * those a municipal system filed through Open311 itself; status notes are the community's own wording unless the note came from the system, the
 * dispatcher, a volunteer's work report or the filing system. Writes need an api_key ({@link ApiKeys}, checked by {@link ApiKeyAuthentication}).
 */
@Service
@EnableConfigurationProperties(Open311Properties.class)
@RequiredArgsConstructor
class GeoReport {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    static final int MOST_RESULTS = 1000;
    private static final Set<String> UPDATE_STATUSES = Set.of("OPEN", "CLOSED", "FIXED", "IN_PROGRESS", "ACTION_SCHEDULED",
            "INVESTIGATING", "DUPLICATE", "NO_FURTHER_ACTION", "NOT_COUNCILS_RESPONSIBILITY", "INTERNAL_REFERRAL");

    private final Catalogue catalogue;
    private final RequestIntake intake;
    private final SystemNotes notes;
    private final Open311Store store;
    private final PublicRequestView views;
    private final Clock clock;
    private final Open311Properties properties;

    /** Refuses a call that names a jurisdiction this endpoint is not (only when one is configured). */
    void checkJurisdiction(String asked) {
        if (!properties.servesJurisdiction(asked)) {
            throw Open311Exception.notFound("jurisdiction_id '" + asked + "' was not found");
        }
    }

    Discovery discovery() {
        String changeset = views.w3c(properties.changeset());
        return new Discovery(changeset, properties.contact(), properties.keyService(), List.of(new Endpoint(SPECIFICATION,
                properties.endpoint().toString(), changeset, "production", List.of(Open311Format.XML_TYPE, "application/json"))));
    }

    Mono<List<GeoReportViews.Service>> services(String language) {
        return catalogue.all(false).map(category -> new GeoReportViews.Service(category.code(), category.name(language),
                category.description(), !category.attributes().isEmpty(), "realtime", String.join(",", category.keywords()),
                category.group())).collectList();
    }

    Mono<ServiceDefinition> definition(String code) {
        return catalogue.find(code).filter(Category::active)
                .switchIfEmpty(Mono.error(() -> Open311Exception.notFound("service_code '" + code + "' was not found")))
                .map(category -> new ServiceDefinition(category.code(), category.attributes().stream()
                        .map(attribute -> new Attribute(true, attribute.code(), Open311Wording.datatype(attribute.datatype()), attribute.required(),
                                Open311Wording.datatypeDescription(attribute.datatype()), attribute.order(), attribute.description(),
                                attribute.values().stream().map(value -> new Value(value.key(), value.name())).toList()))
                        .toList()));
    }

    /** POST requests: a municipal system files a request for someone. */
    Mono<List<Created>> file(MultiValueMap<String, String> form) {
        return filingSystem(form, "create_request")
                .flatMap(client -> {
                    String code = Open311Input.required(form, "service_code");
                    return catalogue.find(code).filter(Category::active)
                            .switchIfEmpty(Mono.error(() -> Open311Exception.badRequest("service_code '" + code + "' was not found")))
                            .flatMap(category -> intake.file(client, code, Open311Input.details(form, category)))
                            .onErrorMap(DomainException.class, Open311Input::inOpen311Terms);
                })
                .map(stored -> List.of(new Created(stored.request().id().toString(), Open311Wording.notice(stored.request().urgency()),
                        form.getFirst("account_id"))));
    }

    Mono<List<Token>> token(String token) {
        return find(token).map(row -> List.of(new Token(row.id().toString(), token)));
    }

    Mono<List<Request>> request(String id, String language) {
        return views.catalogueFor(language).flatMap(names -> find(id).map(row -> List.of(views.view(row, names))));
    }

    /** GET requests: by ids, or by service, time and status; newest first. */
    Mono<List<Request>> requests(MultiValueMap<String, String> query, String language) {
        checkJurisdiction(query.getFirst("jurisdiction_id"));
        String ids = query.getFirst("service_request_id");
        int pageSize = Open311Query.number(query, "page_size", MOST_RESULTS, 1, MOST_RESULTS);
        int page = Open311Query.number(query, "page", 1, 1, Integer.MAX_VALUE);
        Open311Store.Search search;
        if (ids != null && !ids.isBlank()) {
            // The spec: with ids, every other criterion is ignored. An id that is not one of ours matches nothing.
            search = new Open311Store.Search(List.of(ids.split(",")).stream().map(String::trim).map(Open311Input::uuidOrNull)
                    .filter(Objects::nonNull).limit(MOST_RESULTS).toList(), null, null, null, null);
        }
        else {
            Instant[] span = Open311Query.span(query, clock.instant());
            search = new Open311Store.Search(null, Open311Input.blankToNull(query.getFirst("service_code")), span[0], span[1],
                    Open311Query.statuses(query.getFirst("status")));
        }
        return views.catalogueFor(language).flatMap(names -> store.search(search, pageSize, (long) (page - 1) * pageSize)
                .map(row -> views.view(row, names)).collectList());
    }

    /** GET servicerequestupdates: every move of any request in the span, oldest first. */
    Mono<List<Update>> updates(MultiValueMap<String, String> query) {
        checkJurisdiction(query.getFirst("jurisdiction_id"));
        Instant[] span = Open311Query.span(query, clock.instant());
        return store.moves(span[0], span[1], MOST_RESULTS)
                .map(move -> new Update(Long.toString(move.seq()), move.requestId().toString(), Open311Wording.updateStatus(move.to(), move.reason()),
                        views.w3c(move.at()), Open311Wording.publicNote(move.to(), move.actor(), move.reason(), move.publicNote(),
                                move.sourceSystem()), null))
                .collectList();
    }

    /** POST servicerequestupdates: the system that filed a request adds a note to it (its status stays ours). */
    Mono<List<PostedUpdate>> postUpdate(MultiValueMap<String, String> form) {
        return filingSystem(form, "the update")
                .flatMap(client -> {
                    String requestId = Open311Input.required(form, "service_request_id");
                    String clientUpdateId = Open311Input.limited("update_id", Open311Input.required(form, "update_id"), Open311Input.MAX_SHORT);
                    String description = Open311Input.limited("description", Open311Input.required(form, "description"), Open311Input.MAX_DESCRIPTION);
                    String status = form.getFirst("status");
                    if (status != null && !UPDATE_STATUSES.contains(status.toUpperCase())) {
                        throw Open311Exception.badRequest("status must be one of " + UPDATE_STATUSES.stream().sorted().toList());
                    }
                    UUID id = Open311Input.uuidOrNull(requestId);
                    if (id == null) {
                        throw Open311Exception.notFound("service_request_id '" + requestId + "' was not found");
                    }
                    String text = status == null ? description : "(" + status.toUpperCase() + ") " + description;
                    return notes.add(id, client, clientUpdateId, text)
                            .onErrorMap(DomainException.class, refused -> refused.kind() == DomainException.Kind.NOT_FOUND
                                    ? Open311Exception.notFound("service_request_id '" + requestId + "' was not found")
                                    : Open311Exception.forbidden(refused.getMessage()));
                })
                .map(seq -> List.of(new PostedUpdate(Long.toString(seq))));
    }

    /**
     * The municipal system whose api_key authenticated the write ({@link ApiKeyAuthentication}), after its
     * jurisdiction is checked; 403 without a live key.
     */
    private Mono<String> filingSystem(MultiValueMap<String, String> form, String action) {
        checkJurisdiction(form.getFirst("jurisdiction_id"));
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .filter(authentication -> authentication.isAuthenticated()
                        && authentication instanceof ApiKeyAuthentication.MunicipalSystem)
                .map(authentication -> ((ApiKeyAuthentication.MunicipalSystem) authentication).clientId())
                .switchIfEmpty(Mono.error(() -> Open311Exception.forbidden("Invalid api_key received -- can't proceed with " + action + ".")));
    }

    private Mono<Open311Store.Row> find(String id) {
        UUID uuid = Open311Input.uuidOrNull(id);
        return (uuid == null ? Mono.<Open311Store.Row>empty() : store.find(uuid))
                .switchIfEmpty(Mono.error(() -> Open311Exception.notFound("service_request_id '" + id + "' was not found")));
    }
}
