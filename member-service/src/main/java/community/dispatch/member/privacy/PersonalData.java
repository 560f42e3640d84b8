package community.dispatch.member.privacy;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import community.dispatch.member.people.domain.Member;
import community.dispatch.member.people.domain.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * A person's export (PIPL art. 45): everything the three services hold about them, as one document. request- and
 * volunteer-service's parts are theirs as they answer them.
 */
@Schema(description = "Everything community-dispatch holds about a person")
public record PersonalData(
        Instant exportedAt,
        @Schema(description = "who asked for the export: the person, or a staff member", example = "5b0c3a4e-2f1d-4c8b-9a7e-6d5f4e3c2b1a") String exportedBy,
        Profile profile,
        @Schema(description = "how they are told; absent when they never chose") Settings notificationSettings,
        List<NotificationSent> notifications,
        SignIns signIns,
        @Schema(description = "visits the chiefs made to their household") List<VisitHeard> visitsHome,
        @Schema(description = "request-service's part: their requests, with what they wrote, ratings and timelines") JsonNode requests,
        @Schema(description = "volunteer-service's part: their volunteering, orders and hours") JsonNode volunteering) {

    PersonalData with(JsonNode requestsPart, JsonNode volunteeringPart) {
        return new PersonalData(exportedAt, exportedBy, profile, notificationSettings, notifications, signIns, visitsHome,
                requestsPart, volunteeringPart);
    }

    @Schema(description = "Their entry in the register")
    public record Profile(UUID id, @Schema(example = "何伟") String name, @Schema(example = "13800138000") String phone,
            @Schema(example = "office.li") String username, Member.Home home, Set<Role> roles,
            @Schema(example = "REGULAR") String partyKind, boolean leadership, boolean active) {

        static Profile of(Member member) {
            return new Profile(member.id(), member.name(), member.phone(), member.username(), member.home(), member.roles(),
                    member.partyKind() == null ? null : member.partyKind().name(), member.leadership(), member.active());
        }
    }

    public record Settings(@Schema(example = "[\"PUSH\", \"SMS\"]") List<String> channels,
            @Schema(example = "22:00") LocalTime quietFrom, @Schema(example = "07:00") LocalTime quietTo,
            @Schema(example = "zh-Hans") String language, @Schema(example = "fcm:device-registration-token") String pushDevice) {
    }

    public record NotificationSent(@Schema(example = "7f3a…/offered") String occasion, @Schema(example = "OFFER") String kind,
            @Schema(example = "SENT") String status, @Schema(example = "SMS") String channel,
            @Schema(example = "【社区派单】有新的服务单…") String text, Instant dueAt, Instant sentAt) {
    }

    @Schema(description = "Their sign-in history, as far as the records go back")
    public record SignIns(List<Session> sessions, List<Instant> failures, List<KnownAddress> knownAddresses) {
    }

    public record Session(Instant began, Instant expires, Instant ended) {
    }

    public record KnownAddress(@Schema(example = "203.0.113.0/24") String address, Instant lastSignedIn) {
    }

    public record VisitHeard(Instant visitedAt, @Schema(example = "The lift stops between floors.") String heard,
            @Schema(example = "[\"elderly-care\"]") List<String> needs, UUID visitorId) {
    }
}
