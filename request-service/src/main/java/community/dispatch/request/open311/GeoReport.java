package community.dispatch.request.open311;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.MultiValueMap;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.time.CommunityCalendar;
import community.dispatch.request.catalogue.Catalogue;
import community.dispatch.request.catalogue.Category;
import community.dispatch.request.catalogue.Urgency;
import community.dispatch.request.requests.RequestDetails;
import community.dispatch.request.requests.RequestIntake;
import community.dispatch.request.requests.RequestStore;
import community.dispatch.request.requests.domain.Channel;
import community.dispatch.request.requests.domain.Status;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * GeoReport v2 over the community's catalogue and requests. Reads are public and show nothing personal: a
 * resident's own words, coordinates and photos are not published (nor a forwarded hotline ticket's), only
 * those a municipal system filed through Open311 itself; status notes are the community's own wording unless the note came from the system, the
 * dispatcher, a volunteer's work report or the filing system. Writes need an api_key ({@link ApiKeys}).
 */
@Service
@EnableConfigurationProperties(Open311Properties.class)
class GeoReport {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    static final Duration LONGEST_SPAN = Duration.ofDays(90);
    static final int MOST_RESULTS = 1000;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_SHORT = 100;
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]]{1,64})\\](\\[\\])?");
    private static final Pattern ADDRESS_ID = Pattern.compile("([A-Za-z0-9]{1,20})/([A-Za-z0-9-]{1,20})");
    private static final Set<String> UPDATE_STATUSES = Set.of("OPEN", "CLOSED", "FIXED", "IN_PROGRESS", "ACTION_SCHEDULED",
            "INVESTIGATING", "DUPLICATE", "NO_FURTHER_ACTION", "NOT_COUNCILS_RESPONSIBILITY", "INTERNAL_REFERRAL");

    private final Catalogue catalogue;
    private final RequestIntake intake;
    private final RequestStore requests;
    private final Open311Store store;
    private final ApiKeys keys;
    private final JsonMapper json;
    private final CommunityCalendar calendar;
    private final Clock clock;
    private final Open311Properties properties;
    private final TransactionalOperator transactions;

    GeoReport(Catalogue catalogue, RequestIntake intake, RequestStore requests, Open311Store store, ApiKeys keys,
            JsonMapper json, CommunityCalendar calendar, Clock clock, Open311Properties properties,
            TransactionalOperator transactions) {
        this.catalogue = catalogue;
        this.intake = intake;
        this.requests = requests;
        this.store = store;
        this.keys = keys;
        this.json = json;
        this.calendar = calendar;
        this.clock = clock;
        this.properties = properties;
        this.transactions = transactions;
    }

    /** Refuses a call that names a jurisdiction this endpoint is not (only when one is configured). */
    void checkJurisdiction(String asked) {
        if (!properties.servesJurisdiction(asked)) {
            throw Open311Exception.notFound("jurisdiction_id '" + asked + "' was not found");
        }
    }

    Discovery discovery() {
        String changeset = w3c(properties.changeset());
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
                        .map(attribute -> new Attribute(true, attribute.code(), datatype(attribute.datatype()), attribute.required(),
                                datatypeDescription(attribute.datatype()), attribute.order(), attribute.description(),
                                attribute.values().stream().map(value -> new Value(value.key(), value.name())).toList()))
                        .toList()));
    }

    /** POST requests: a municipal system files a request for someone. */
    Mono<List<Created>> file(MultiValueMap<String, String> form) {
        return filingSystem(form, "create_request")
                .flatMap(client -> {
                    String code = required(form, "service_code");
                    return catalogue.find(code).filter(Category::active)
                            .switchIfEmpty(Mono.error(() -> Open311Exception.badRequest("service_code '" + code + "' was not found")))
                            .flatMap(category -> intake.file(client, code, details(form, category)))
                            .onErrorMap(DomainException.class, GeoReport::inOpen311Terms);
                })
                .map(stored -> List.of(new Created(stored.request().id().toString(), notice(stored.request().urgency()),
                        form.getFirst("account_id"))));
    }

    Mono<List<Token>> token(String token) {
        return find(token).map(row -> List.of(new Token(row.id().toString(), token)));
    }

    Mono<List<Request>> request(String id, String language) {
        return serviceNames(language).flatMap(names -> find(id).map(row -> List.of(view(row, names))));
    }

    /** GET requests: by ids, or by service, time and status; newest first. */
    Mono<List<Request>> requests(MultiValueMap<String, String> query, String language) {
        checkJurisdiction(query.getFirst("jurisdiction_id"));
        String ids = query.getFirst("service_request_id");
        int pageSize = number(query, "page_size", MOST_RESULTS, 1, MOST_RESULTS);
        int page = number(query, "page", 1, 1, Integer.MAX_VALUE);
        Open311Store.Search search;
        if (ids != null && !ids.isBlank()) {
            // The spec: with ids, every other criterion is ignored. An id that is not one of ours matches nothing.
            search = new Open311Store.Search(List.of(ids.split(",")).stream().map(String::trim).map(GeoReport::uuidOrNull)
                    .filter(Objects::nonNull).limit(MOST_RESULTS).toList(), null, null, null, null);
        }
        else {
            Instant[] span = span(query);
            search = new Open311Store.Search(null, blankToNull(query.getFirst("service_code")), span[0], span[1],
                    statuses(query.getFirst("status")));
        }
        return serviceNames(language).flatMap(names -> store.search(search, pageSize, (long) (page - 1) * pageSize)
                .map(row -> view(row, names)).collectList());
    }

    /** GET servicerequestupdates: every move of any request in the span, oldest first. */
    Mono<List<Update>> updates(MultiValueMap<String, String> query) {
        checkJurisdiction(query.getFirst("jurisdiction_id"));
        Instant[] span = span(query);
        return store.moves(span[0], span[1], MOST_RESULTS)
                .map(move -> new Update(Long.toString(move.seq()), move.requestId().toString(), updateStatus(move.to(), move.reason()),
                        w3c(move.at()), publicNote(move.to(), move.actor(), move.reason(), move.sourceSystem()), null))
                .collectList();
    }

    /** POST servicerequestupdates: the system that filed a request adds a note to it (its status stays ours). */
    Mono<List<PostedUpdate>> postUpdate(MultiValueMap<String, String> form) {
        return filingSystem(form, "the update")
                .flatMap(client -> {
                    String requestId = required(form, "service_request_id");
                    String clientUpdateId = limited("update_id", required(form, "update_id"), MAX_SHORT);
                    String description = limited("description", required(form, "description"), MAX_DESCRIPTION);
                    String status = form.getFirst("status");
                    if (status != null && !UPDATE_STATUSES.contains(status.toUpperCase())) {
                        throw Open311Exception.badRequest("status must be one of " + UPDATE_STATUSES.stream().sorted().toList());
                    }
                    UUID id = uuidOrNull(requestId);
                    if (id == null) {
                        throw Open311Exception.notFound("service_request_id '" + requestId + "' was not found");
                    }
                    String text = status == null ? description : "(" + status.toUpperCase() + ") " + description;
                    return transactions.transactional(requests.lock(id)
                            .switchIfEmpty(Mono.error(() -> Open311Exception.notFound("service_request_id '" + requestId + "' was not found")))
                            .flatMap(stored -> {
                                if (!client.equals(stored.sourceSystem()) || stored.request().channel() != Channel.MUNICIPAL) {
                                    return Mono.error(Open311Exception.forbidden("Only the system that filed a request posts updates to it."));
                                }
                                return store.postedBefore(client, clientUpdateId).switchIfEmpty(Mono.defer(() -> store.note(id,
                                        stored.request().status(), "municipal:" + client, text, clock.instant(), client, clientUpdateId)));
                            }));
                })
                .map(seq -> List.of(new PostedUpdate(Long.toString(seq))));
    }

    /** The municipal system a write's api_key belongs to, after its jurisdiction is checked; 403 without a live key. */
    private Mono<String> filingSystem(MultiValueMap<String, String> form, String action) {
        checkJurisdiction(form.getFirst("jurisdiction_id"));
        return keys.clientOf(form.getFirst("api_key"))
                .switchIfEmpty(Mono.error(() -> Open311Exception.forbidden("Invalid api_key received -- can't proceed with " + action + ".")));
    }

    private Mono<Open311Store.Row> find(String id) {
        UUID uuid = uuidOrNull(id);
        return (uuid == null ? Mono.<Open311Store.Row>empty() : store.find(uuid))
                .switchIfEmpty(Mono.error(() -> Open311Exception.notFound("service_request_id '" + id + "' was not found")));
    }

    /** Every service's name in the caller's language, retired ones too: read once for a whole answer. */
    private Mono<Map<String, String>> serviceNames(String language) {
        return catalogue.all(true).collectMap(Category::code, category -> category.name(language));
    }

    private Request view(Open311Store.Row row, Map<String, String> serviceNames) {
        RequestDetails details = json.readValue(row.details(), RequestDetails.class);
        // What a system filed through Open311 it meant to publish; a ticket forwarded on dispatch.intake (a hotline
        // call's notes, say) was not, so it shows no more than a resident's request.
        boolean filedByASystem = row.channel() == Channel.MUNICIPAL && row.externalRef() == null;
        RequestDetails.Location location = details.location();
        String building = location != null && location.buildingCode() != null && row.compoundCode() != null
                ? row.compoundCode() + "/" + location.buildingCode() : null;
        String address = filedByASystem && location != null && location.address() != null ? location.address()
                : building != null ? "compound " + row.compoundCode() + ", building " + location.buildingCode()
                : row.compoundCode() != null ? "compound " + row.compoundCode() : null;
        boolean closed = Status.DONE.contains(row.status());
        return new Request(row.id().toString(), closed ? "closed" : "open",
                publicNote(row.status(), row.lastActor(), row.lastReason(), row.sourceSystem()),
                serviceNames.getOrDefault(row.categoryCode(), row.categoryCode()), row.categoryCode(),
                filedByASystem ? details.description() : null,
                row.teamKey() != null ? "volunteer team " + row.teamKey() : properties.agency(),
                notice(row.urgency()), w3c(row.requestedAt()), w3c(row.updatedAt()),
                closed ? null : w3c(row.feedbackBy()), address, building,
                filedByASystem && location != null ? location.latitude() : null,
                filedByASystem && location != null ? location.longitude() : null,
                filedByASystem && !details.mediaUrls().isEmpty() ? details.mediaUrls().get(0) : null);
    }

    /**
     * What the public reads of a move: the recorded words when the system, the dispatcher, the filing system or —
     * for finished work — the volunteer wrote them; otherwise (a resident's or staff's words) the community's own.
     */
    static String publicNote(Status status, String actor, String reason, String sourceSystem) {
        boolean publishable = actor != null && reason != null && !reason.isBlank() && ("system".equals(actor)
                || "volunteer-service".equals(actor) || (sourceSystem != null && actor.equals("municipal:" + sourceSystem))
                || (actor.startsWith("volunteer:") && status == Status.RESOLVED));
        return publishable ? reason : switch (status) {
            case SUBMITTED -> "Received.";
            case DISPATCHING -> "Being offered to volunteers.";
            case ASSIGNED -> "A volunteer has taken it on.";
            case IN_PROGRESS -> "Work has started.";
            case RESOLVED -> "Done; waiting for the requester's rating.";
            case CLOSED -> "Closed.";
            case CANCELLED -> "Withdrawn by the requester.";
            case REJECTED -> "Turned down: not something the community's volunteers do.";
            case ESCALATED -> "Referred to the community's staff.";
            case REOPENED -> "Sent round again after a low rating.";
        };
    }

    /** mySociety's update statuses for our moves. */
    static String updateStatus(Status status, String reason) {
        return switch (status) {
            case SUBMITTED, REOPENED -> "OPEN";
            case DISPATCHING -> "INVESTIGATING";
            case ASSIGNED -> "ACTION_SCHEDULED";
            case IN_PROGRESS -> "IN_PROGRESS";
            case RESOLVED -> "FIXED";
            case CLOSED -> reason != null && reason.startsWith("duplicate of ") ? "DUPLICATE" : "CLOSED";
            case CANCELLED -> "NO_FURTHER_ACTION";
            case REJECTED -> "NOT_COUNCILS_RESPONSIBILITY";
            case ESCALATED -> "INTERNAL_REFERRAL";
        };
    }

    static String notice(Urgency urgency) {
        return "A volunteer is found within " + human(urgency.dispatchWithin()) + "; feedback within "
                + human(urgency.feedbackWithin()) + ".";
    }

    private static String human(Duration duration) {
        return duration.toHours() % 24 == 0 && duration.toHours() >= 48 ? duration.toDays() + " days" : duration.toHours() + " h";
    }

    /** A request's details from the form, its answers typed as the category's attributes say. */
    private RequestDetails details(MultiValueMap<String, String> form, Category category) {
        Double lat = coordinate(form, "lat");
        Double lng = coordinate(form, "long");
        String addressString = limited("address_string", blankToNull(form.getFirst("address_string")), 500);
        String addressId = blankToNull(form.getFirst("address_id"));
        if ((lat == null) != (lng == null)) {
            throw Open311Exception.badRequest("lat and long come together");
        }
        if (lat == null && addressString == null && addressId == null) {
            throw Open311Exception.badRequest("a location is required: lat and long, address_string or address_id");
        }
        String compound = null;
        String building = null;
        if (addressId != null) {
            Matcher matcher = ADDRESS_ID.matcher(addressId);
            if (!matcher.matches()) {
                throw Open311Exception.badRequest("address_id is a compound and a building, e.g. C05/5");
            }
            compound = matcher.group(1);
            building = matcher.group(2);
        }
        String mediaUrl = blankToNull(form.getFirst("media_url"));
        if (mediaUrl != null && !isWebAddress(mediaUrl)) {
            throw Open311Exception.badRequest("media_url must be an http or https address of at most 2000 characters");
        }
        String email = limited("email", blankToNull(form.getFirst("email")), 254);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw Open311Exception.badRequest("email is not an email address");
        }
        RequestDetails.Reporter reporter = new RequestDetails.Reporter(
                limited("first_name", blankToNull(form.getFirst("first_name")), MAX_SHORT),
                limited("last_name", blankToNull(form.getFirst("last_name")), MAX_SHORT), email,
                limited("phone", blankToNull(form.getFirst("phone")), 40),
                limited("device_id", blankToNull(form.getFirst("device_id")), MAX_SHORT),
                limited("account_id", blankToNull(form.getFirst("account_id")), MAX_SHORT));
        String description = limited("description", form.getFirst("description"), MAX_DESCRIPTION);
        return new RequestDetails(description == null ? "" : description.trim(), answers(form, category),
                new RequestDetails.Location(compound, building, null, lat, lng,
                        addressString),
                null, mediaUrl == null ? List.of() : List.of(mediaUrl),
                reporter.phone() != null ? RequestDetails.ContactPreference.PHONE : RequestDetails.ContactPreference.VISIT,
                false, reporter);
    }

    /** {@code attribute[code]=…} and {@code attribute[code][]=…}, typed by the category's attribute. */
    private static Map<String, Object> answers(MultiValueMap<String, String> form, Category category) {
        Map<String, Category.Attribute> asked = new LinkedHashMap<>();
        category.attributes().forEach(attribute -> asked.put(attribute.code(), attribute));
        Map<String, Object> answers = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            Matcher matcher = ATTRIBUTE.matcher(name);
            if (!matcher.matches()) {
                return;
            }
            String code = matcher.group(1);
            Category.Attribute attribute = asked.get(code);
            if (attribute == null) {
                // Category.check names it as not asked.
                answers.put(code, values.get(0));
                return;
            }
            Object answer = switch (attribute.datatype()) {
                case MULTI_VALUE_LIST -> {
                    List<Object> all = new ArrayList<>(values);
                    if (answers.get(code) instanceof List<?> earlier) {
                        all.addAll(0, earlier);
                    }
                    yield all;
                }
                case NUMBER -> numberOrText(values.get(0));
                default -> values.size() == 1 ? values.get(0) : values;
            };
            answers.put(code, answer);
        });
        return answers;
    }

    private static Object numberOrText(String value) {
        try {
            BigDecimal number = new BigDecimal(value.trim());
            return number.scale() <= 0 ? (Object) number.longValueExact() : (Object) number.doubleValue();
        }
        catch (NumberFormatException | ArithmeticException e) {
            return value;
        }
    }

    /** The community's refusals, worded by the form's field names. */
    static Open311Exception inOpen311Terms(DomainException refused) {
        HttpStatus status = switch (refused.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN, UNAUTHENTICATED -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        };
        List<String> descriptions = new ArrayList<>();
        if (refused.properties().get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                String field = error instanceof Category.AnswerError answer ? answer.field()
                        : error instanceof Map<?, ?> map ? String.valueOf(map.get("field")) : null;
                String message = error instanceof Category.AnswerError answer ? answer.message()
                        : error instanceof Map<?, ?> map ? String.valueOf(map.get("message")) : String.valueOf(error);
                descriptions.add(formField(field) + " " + message);
            }
        }
        if (descriptions.isEmpty()) {
            descriptions.add(refused.getMessage());
        }
        return new Open311Exception(status, descriptions);
    }

    private static String formField(String field) {
        if (field == null) {
            return "";
        }
        if (field.startsWith("attributes.")) {
            return "attribute[" + field.substring("attributes.".length()) + "]";
        }
        return switch (field) {
            case "location.latitude" -> "lat";
            case "location.longitude" -> "long";
            case "categoryCode" -> "service_code";
            default -> field;
        };
    }

    /** The search's span: the spec's defaults (the last 90 days) and limit (at most 90 days). */
    private Instant[] span(MultiValueMap<String, String> query) {
        Instant start = dateTime(query, "start_date");
        Instant end = dateTime(query, "end_date");
        if (end == null) {
            end = start == null ? clock.instant() : start.plus(LONGEST_SPAN);
        }
        if (start == null) {
            start = end.minus(LONGEST_SPAN);
        }
        if (start.isAfter(end)) {
            throw Open311Exception.badRequest("start_date must not be after end_date");
        }
        if (Duration.between(start, end).compareTo(LONGEST_SPAN) > 0) {
            throw Open311Exception.badRequest("start_date and end_date may be at most 90 days apart");
        }
        return new Instant[] { start, end };
    }

    private static List<Status> statuses(String asked) {
        if (asked == null || asked.isBlank()) {
            return null;
        }
        List<Status> statuses = new ArrayList<>();
        for (String each : asked.split(",")) {
            switch (each.trim().toLowerCase()) {
                case "open" -> Set.of(Status.values()).stream().filter(s -> !Status.DONE.contains(s)).forEach(statuses::add);
                case "closed" -> statuses.addAll(Status.DONE);
                default -> throw Open311Exception.badRequest("status must be open or closed (or both, comma-separated)");
            }
        }
        return statuses;
    }

    private static Instant dateTime(MultiValueMap<String, String> query, String name) {
        String value = blankToNull(query.getFirst(name));
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        }
        catch (DateTimeParseException e) {
            throw Open311Exception.badRequest(name + " must be a W3C date-time with offset, e.g. 2026-12-01T00:00:00+08:00");
        }
    }

    private static int number(MultiValueMap<String, String> query, String name, int otherwise, int min, int max) {
        String value = blankToNull(query.getFirst(name));
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // answered below
        }
        throw Open311Exception.badRequest(name + " must be a whole number from " + min + " to " + max);
    }

    private static Double coordinate(MultiValueMap<String, String> form, String name) {
        String value = blankToNull(form.getFirst(name));
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number) && Math.abs(number) <= ("lat".equals(name) ? 90 : 180)) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // answered below
        }
        throw Open311Exception.badRequest(name + " must be a WGS 84 " + ("lat".equals(name) ? "latitude" : "longitude") + " in degrees");
    }

    private static String required(MultiValueMap<String, String> form, String name) {
        String value = blankToNull(form.getFirst(name));
        if (value == null) {
            throw Open311Exception.badRequest(name + " was not provided");
        }
        return value;
    }

    private static String limited(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw Open311Exception.badRequest(name + " is at most " + max + " characters");
        }
        return value;
    }

    private static boolean isWebAddress(String value) {
        try {
            URI uri = URI.create(value);
            return value.length() <= 2000 && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String w3c(Instant instant) {
        return instant == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(calendar.zone()));
    }

    private static String datatype(Category.Datatype datatype) {
        return switch (datatype) {
            case STRING -> "string";
            case NUMBER -> "number";
            case DATETIME -> "datetime";
            case TEXT -> "text";
            case SINGLE_VALUE_LIST -> "singlevaluelist";
            case MULTI_VALUE_LIST -> "multivaluelist";
        };
    }

    private static String datatypeDescription(Category.Datatype datatype) {
        return switch (datatype) {
            case STRING -> "A line of text";
            case NUMBER -> "A number";
            case DATETIME -> "A W3C date-time with offset, e.g. 2026-12-03T09:30:00+08:00";
            case TEXT -> "Free text";
            case SINGLE_VALUE_LIST -> "One of the values' keys";
            case MULTI_VALUE_LIST -> "Some of the values' keys, each as attribute[code][]";
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static UUID uuidOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }
}
