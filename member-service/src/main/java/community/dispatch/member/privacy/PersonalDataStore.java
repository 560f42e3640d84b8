package community.dispatch.member.privacy;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.member.privacy.PersonalData.KnownAddress;
import community.dispatch.member.privacy.PersonalData.NotificationSent;
import community.dispatch.member.privacy.PersonalData.Settings;
import community.dispatch.member.privacy.PersonalData.Session;
import community.dispatch.member.privacy.PersonalData.VisitHeard;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL of a person's export: what member-service holds about them beyond their register entry. */
@Component
@RequiredArgsConstructor
class PersonalDataStore {

    private final DatabaseClient database;

    Mono<Settings> settings(UUID member) {
        return database.sql("SELECT channels, quiet_from, quiet_to, language, push_device FROM notification_setting WHERE member_id = :id")
                .bind("id", member)
                .map(row -> new Settings(Arrays.asList(row.get("channels", String[].class)), row.get("quiet_from", LocalTime.class),
                        row.get("quiet_to", LocalTime.class), row.get("language", String.class), row.get("push_device", String.class)))
                .one();
    }

    Flux<NotificationSent> notifications(UUID member) {
        return database.sql("""
                        SELECT occasion, kind, status, channel, text, due_at, sent_at FROM notification
                        WHERE member_id = :id ORDER BY due_at, id""")
                .bind("id", member)
                .map(row -> new NotificationSent(row.get("occasion", String.class), row.get("kind", String.class),
                        row.get("status", String.class), row.get("channel", String.class), row.get("text", String.class),
                        row.get("due_at", Instant.class), row.get("sent_at", Instant.class)))
                .all();
    }

    /** Their sign-ins that a refresh token still records: when each began, ends, and whether it was ended. */
    Flux<Session> sessions(UUID member) {
        return database.sql("SELECT created_at, expires_at, revoked_at FROM refresh_token WHERE member_id = :id ORDER BY created_at")
                .bind("id", member)
                .map(row -> new Session(row.get("created_at", Instant.class), row.get("expires_at", Instant.class),
                        row.get("revoked_at", Instant.class)))
                .all();
    }

    /** When someone failed to sign in as them (by phone or username), as far as the records go back (30 days). */
    Flux<Instant> failedSignIns(List<String> identities) {
        return identities.isEmpty() ? Flux.empty()
                : database.sql("SELECT failed_at FROM sign_in_failure WHERE identity IN (:identities) ORDER BY failed_at")
                        .bind("identities", identities).mapValue(Instant.class).all();
    }

    Flux<KnownAddress> knownAddresses(String username) {
        return username == null ? Flux.empty()
                : database.sql("SELECT address, last_success_at FROM sign_in_known_address WHERE username = :username ORDER BY last_success_at")
                        .bind("username", username)
                        .map(row -> new KnownAddress(row.get("address", String.class), row.get("last_success_at", Instant.class)))
                        .all();
    }

    /** The visits the chiefs made to their household: what they heard there. */
    Flux<VisitHeard> visitsHome(UUID unit) {
        return unit == null ? Flux.empty()
                : database.sql("SELECT visited_at, heard, needs, visitor_id FROM visit WHERE unit_id = :unit ORDER BY visited_at")
                        .bind("unit", unit)
                        .map(row -> new VisitHeard(row.get("visited_at", Instant.class), row.get("heard", String.class),
                                Arrays.asList(row.get("needs", String[].class)), row.get("visitor_id", UUID.class)))
                        .all();
    }
}
