package community.dispatch.request.open311;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import community.dispatch.kit.time.CommunityCalendar;
import community.dispatch.request.catalogue.Catalogue;
import community.dispatch.request.catalogue.Category;
import community.dispatch.request.requests.RequestDetails;
import community.dispatch.request.requests.domain.Channel;
import community.dispatch.request.requests.domain.Status;
import community.dispatch.request.open311.GeoReportViews.Request;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

/**
 * What GeoReport v2 shows of a request, to anyone: nothing personal, and its details only where the system that filed
 * it and staff both meant them for the public.
 */
@Component
@RequiredArgsConstructor
class PublicRequestView {

    private final Catalogue catalogue;
    private final JsonMapper json;
    private final CommunityCalendar calendar;
    private final Open311Properties properties;

    /** Every service's name in the caller's language (retired ones too), and which publish details: read once for a whole answer. */
    Mono<Services> catalogueFor(String language) {
        return catalogue.all(true).collectList().map(all -> new Services(
                all.stream().collect(Collectors.toMap(Category::code, category -> category.name(language))),
                all.stream().filter(Category::publicDetails).map(Category::code).collect(Collectors.toSet())));
    }

    record Services(Map<String, String> names, Set<String> withPublicDetails) {
    }

    Request view(Open311Store.Row row, Services services) {
        RequestDetails details = json.readValue(row.details(), RequestDetails.class);
        // Published only where both agree: a system filed it through this public API (a ticket forwarded on
        // dispatch.intake, a hotline call's notes, was not meant for it), and staff flagged its category as one of
        // public spaces. Even then the place is rounded to about 100 m.
        boolean published = row.channel() == Channel.MUNICIPAL && row.externalRef() == null
                && services.withPublicDetails().contains(row.categoryCode());
        RequestDetails.Location location = details.location();
        String building = location != null && location.buildingCode() != null && row.compoundCode() != null
                ? row.compoundCode() + "/" + location.buildingCode() : null;
        String address = published && location != null && location.address() != null ? location.address()
                : building != null ? "compound " + row.compoundCode() + ", building " + location.buildingCode()
                : row.compoundCode() != null ? "compound " + row.compoundCode() : null;
        boolean closed = Status.DONE.contains(row.status());
        return new Request(row.id().toString(), closed ? "closed" : "open",
                Open311Wording.publicNote(row.status(), row.lastActor(), row.lastReason(), row.lastPublicNote(), row.sourceSystem()),
                services.names().getOrDefault(row.categoryCode(), row.categoryCode()), row.categoryCode(),
                published ? details.description() : null,
                row.teamKey() != null ? "volunteer team " + row.teamKey() : properties.agency(),
                Open311Wording.notice(row.urgency()), w3c(row.requestedAt()), w3c(row.updatedAt()),
                closed ? null : w3c(row.feedbackBy()), address, building,
                published && location != null ? roughly(location.latitude()) : null,
                published && location != null ? roughly(location.longitude()) : null,
                published && !details.mediaUrls().isEmpty() ? details.mediaUrls().get(0) : null);
    }

    /** A coordinate to three decimals: about 110 m north–south, 90 m east–west here — a street, not a door. */
    static Double roughly(Double degrees) {
        return degrees == null ? null : Math.round(degrees * 1000) / 1000.0;
    }

    String w3c(Instant instant) {
        return instant == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(calendar.zone()));
    }
}
