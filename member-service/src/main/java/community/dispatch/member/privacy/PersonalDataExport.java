package community.dispatch.member.privacy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.kit.security.Caller;
import community.dispatch.member.people.domain.Member;
import community.dispatch.member.people.MemberDirectory;
import community.dispatch.member.privacy.PersonalData.Profile;
import community.dispatch.member.privacy.PersonalData.SignIns;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A person's export (PIPL art. 45), for the person and staff: member-service's part, and request- and
 * volunteer-service's, asked through the gateway with the caller's own token — so each service applies its own
 * access rules to its part. Every part or none: an export that left one out would not be everything. Audited.
 */
@Service
class PersonalDataExport {

    static final String ACTION = "member.exported";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final MemberDirectory members;
    private final PersonalDataStore store;
    private final AuditTrail audit;
    private final WebClient gateway;
    private final Clock clock;

    PersonalDataExport(MemberDirectory members, PersonalDataStore store, AuditTrail audit, WebClient.Builder webClients,
            @Value("${dispatch.export.gateway-uri}") String gatewayUri, Clock clock) {
        this.members = members;
        this.store = store;
        this.audit = audit;
        this.gateway = webClients.clone().baseUrl(gatewayUri).build();
        this.clock = clock;
    }

    Mono<PersonalData> export(UUID id, Caller caller, String token) {
        if (!caller.isStaff() && !caller.is(id)) {
            return Mono.error(DomainException.forbidden("Only the person and staff export a person's data."));
        }
        return members.find(id)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("member-not-found", "There is no member " + id + ".")))
                .flatMap(member -> Mono.zip(ownPart(member), part("/api/v1/requests/export?memberId=" + id, token, "request-service"),
                                part("/api/v1/volunteers/" + id + "/export", token, "volunteer-service"))
                        .map(parts -> parts.getT1().with(parts.getT2(), parts.getT3())))
                .map(data -> new PersonalData(clock.instant(), caller.subject(), data.profile(), data.notificationSettings(),
                        data.notifications(), data.signIns(), data.visitsHome(), data.requests(), data.volunteering()))
                .flatMap(data -> audit.done(caller, ACTION, id.toString(), null, Map.of()).thenReturn(data));
    }

    /** What member-service itself holds. */
    private Mono<PersonalData> ownPart(Member member) {
        List<String> identities = Stream.of(member.phone(), member.username()).filter(identity -> identity != null).toList();
        return Mono.zip(store.settings(member.id()).map(List::of).defaultIfEmpty(List.of()),
                        store.notifications(member.id()).collectList(),
                        store.sessions(member.id()).collectList(),
                        store.failedSignIns(identities).collectList(),
                        store.knownAddresses(member.username()).collectList(),
                        store.visitsHome(member.home() == null ? null : member.home().unitId()).collectList())
                .map(found -> new PersonalData(null, null, Profile.of(member), found.getT1().isEmpty() ? null : found.getT1().get(0),
                        found.getT2(), new SignIns(found.getT3(), found.getT4(), found.getT5()), found.getT6(), null, null));
    }

    private Mono<JsonNode> part(String path, String token, String service) {
        return gateway.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .retrieve().bodyToMono(JsonNode.class)
                .timeout(PATIENCE)
                .onErrorMap(error -> new DomainException(DomainException.Kind.UNAVAILABLE, "export-unavailable",
                        service + " did not give its part of the export; nothing was exported. Try again in a minute.", Map.of()));
    }
}
