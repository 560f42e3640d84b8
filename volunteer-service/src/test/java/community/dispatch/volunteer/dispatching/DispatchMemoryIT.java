package community.dispatch.volunteer.dispatching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.Parameter;

import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Dispatch ranks from what it keeps in memory ({@link DispatchMemory}) and the load it reads at each decision, and
 * sees every change committed before it: a varied team of 400 (two teams of the rule, skills, homes on and off the
 * map, load, hours lately, ratings, most on leave when help is wanted), written straight into the tables as
 * another instance would, and a request with a place, wanted in three days (so nobody has been offered it yet).
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
class DispatchMemoryIT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };
    private static final ZoneId COMMUNITY = ZoneId.of("Asia/Shanghai");

    private final String admin = TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "ADMIN");

    @Autowired
    private ConnectionFactory connections;

    private final UUID request = UUID.randomUUID();
    private String category;
    private String teamOne;
    /** Who has every required skill and room for another order; and of them, who is not on leave then. */
    private final List<UUID> able = new ArrayList<>();
    private final List<UUID> free = new ArrayList<>();

    @BeforeEach
    void aVariedTeamAndARequestWantedLater() {
        String run = Long.toString(System.nanoTime(), 36);
        category = "ranked-" + run;
        String first = "rank-a-" + run;
        teamOne = first;
        String second = "rank-b-" + run;
        Instant wantedFrom = Instant.now().plus(Duration.ofDays(3));
        LocalDate wantedOn = wantedFrom.atZone(COMMUNITY).toLocalDate();
        database.sql("""
                INSERT INTO dispatch_rule (category_code, teams, required_skills, timeout_emergency, timeout_urgent, timeout_normal,
                                           max_offers, mode, notify, version, updated_at)
                VALUES (:category, :teams, '{"stitch": 2}', 120, 600, 3600, 5, 'DIRECT', '{}', 1, now())""")
                .bind("category", category).bind("teams", new String[] { first, second }).fetch().rowsUpdated().block();
        for (int building = 0; building < 4; building++) {
            database.sql("INSERT INTO building_place (building, latitude, longitude) VALUES (:building, :latitude, :longitude)")
                    .bind("building", run + "/" + building).bind("latitude", 33.95 + building * 0.004)
                    .bind("longitude", 116.78 + building * 0.006).fetch().rowsUpdated().block();
        }
        Random random = new Random(28);
        for (int n = 0; n < 400; n++) {
            UUID member = UUID.randomUUID();
            int stitch = random.nextInt(6);
            int maxConcurrent = 1 + random.nextInt(4);
            int openOrders = random.nextInt(3);
            boolean onLeave = random.nextInt(100) < 85;
            String[] teams = switch (random.nextInt(3)) {
                case 0 -> new String[] { first };
                case 1 -> new String[] { second };
                default -> new String[] { second, first };
            };
            // Six buildings, the first four on the map; some volunteers' homes are not known at all.
            String home = random.nextInt(5) == 0 ? null : run + "/" + random.nextInt(6);
            int ratings = random.nextInt(4);
            database.sql("""
                    INSERT INTO volunteer (member_id, compound_code, grid_code, teams, skills, max_concurrent, availability,
                                           rating_sum, rating_count, home_building)
                    VALUES (:member, :compound, :grid, :teams, CAST(:skills AS jsonb), :max, CAST(:availability AS jsonb),
                            :ratingSum, :ratings, :home)""")
                    .bind("member", member).bind("compound", "C0" + (1 + random.nextInt(4)))
                    .bind("grid", "G0" + (1 + random.nextInt(3))).bind("teams", teams)
                    .bind("skills", "{\"stitch\": " + stitch + ", \"knit\": " + random.nextInt(6) + "}").bind("max", maxConcurrent)
                    .bind("availability", onLeave ? "{\"weekly\": [], \"leave\": [{\"from\": \"" + wantedOn.minusDays(1)
                            + "\", \"to\": \"" + wantedOn.plusDays(1) + "\"}]}" : "{\"weekly\": [], \"leave\": []}")
                    .bind("ratingSum", ratings * (1 + random.nextInt(5))).bind("ratings", ratings)
                    .bind("home", Parameter.fromOrEmpty(home, String.class)).fetch().rowsUpdated().block();
            for (int order = 0; order < openOrders; order++) {
                ordered(member, "ACCEPTED", null);
            }
            if (random.nextBoolean()) {
                ordered(member, "COMPLETED", 1 + random.nextInt(30));
            }
            if (stitch >= 2 && openOrders < maxConcurrent) {
                able.add(member);
                if (!onLeave) {
                    free.add(member);
                }
            }
        }
        // As a submission wanted in three days opens it: its first offer is not due yet.
        database.sql("""
                INSERT INTO dispatch (request_id, category_code, urgency, status, compound_code, grid_code, requester_id,
                                      wanted_from, wanted_to, offer_after, building, latitude, longitude)
                VALUES (:request, :category, 'NORMAL', 'OPEN', 'C02', 'G02', gen_random_uuid(), :from, :to, :from, :building,
                        33.955, 116.787)""")
                .bind("request", request).bind("category", category).bind("from", wantedFrom)
                .bind("to", wantedFrom.plus(Duration.ofHours(2))).bind("building", run + "/1").fetch().rowsUpdated().block();
    }

    @Test
    void aShortPreviewIsTheHeadOfTheFullRankingOfWhoIsFree() {
        List<Map<String, Object>> everyone = preview(500);

        assertThat(free).as("enough of a team for pages to matter").hasSizeGreaterThan(30);
        assertThat(everyone).as("every free volunteer with the skill and room, and no one else")
                .extracting(candidate -> UUID.fromString((String) candidate.get("volunteerId")))
                .containsExactlyInAnyOrderElementsOf(free);
        assertThat(everyone).as("best first, ties to the lower id")
                .isSortedAccordingTo(Comparator.<Map<String, Object>>comparingDouble(candidate -> ((Number) candidate.get("score")).doubleValue())
                        .reversed().thenComparing(candidate -> (String) candidate.get("volunteerId")));
        assertThat(everyone).as("some at a distance, some by compound or grid only")
                .anySatisfy(candidate -> assertThat(candidate.get("distanceMetres")).isNotNull())
                .anySatisfy(candidate -> assertThat(candidate.get("distanceMetres")).isNull());
        for (int limit : new int[] { 1, 3, 7, 12, 30 }) {
            assertThat(preview(limit)).as("the best %d", limit).isEqualTo(everyone.subList(0, limit));
        }
    }

    @Test
    void aChangeCommittedBeforeADecisionIsSeenByIt() {
        List<UUID> best = ids(preview(3));

        database.sql("UPDATE volunteer SET active = false WHERE member_id = :member").bind("member", best.get(0))
                .fetch().rowsUpdated().block();
        database.sql("UPDATE volunteer SET skills = '{\"stitch\": 1}' WHERE member_id = :member").bind("member", best.get(1))
                .fetch().rowsUpdated().block();

        assertThat(ids(preview(500))).as("neither the deactivated nor the one whose skill fell below the rule's")
                .doesNotContain(best.get(0), best.get(1)).contains(best.get(2)).hasSize(free.size() - 2);
    }

    @Test
    void aVolunteerFilledUpJustNowIsNotChosen() {
        UUID first = ids(preview(1)).get(0);
        int room = database.sql("SELECT max_concurrent FROM volunteer WHERE member_id = :member").bind("member", first)
                .map(row -> row.get("max_concurrent", Integer.class)).one().block();
        int open = database.sql("SELECT count(*) AS n FROM order_offer WHERE volunteer_id = :member AND status = 'ACCEPTED'")
                .bind("member", first).map(row -> row.get("n", Long.class)).one().block().intValue();
        for (int order = open; order < room; order++) {
            ordered(first, "ACCEPTED", null);
        }

        assertThat(ids(preview(3))).as("whatever memory was told so far, the load is read for whom a decision chooses")
                .doesNotContain(first).hasSize(3);
    }

    @Test
    void aChangeNumberedEarlierButCommittedLaterIsHeard() {
        UUID first = ids(preview(1)).get(0);
        UUID another = free.stream().filter(member -> !member.equals(first)).findFirst().orElseThrow();
        Connection slow = Mono.from(connections.create()).block();
        try {
            Mono.from(slow.beginTransaction()).block();
            Flux.from(slow.createStatement("UPDATE volunteer SET active = false WHERE member_id = $1").bind("$1", first).execute())
                    .flatMap(Result::getRowsUpdated).blockLast();
            // A later number, committed first: the next decision reads memory up to it, without the slow change.
            database.sql("UPDATE volunteer SET max_concurrent = 10 WHERE member_id = :member").bind("member", another)
                    .fetch().rowsUpdated().block();
            assertThat(ids(preview(500))).as("the slow change is not committed yet").contains(first);

            Mono.from(slow.commitTransaction()).block();
        }
        finally {
            Mono.from(slow.close()).block();
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(preview(500))).doesNotContain(first));
    }

    @Test
    void aDeletedVolunteerIsForgotten() {
        UUID newcomer = UUID.randomUUID();
        database.sql("""
                INSERT INTO volunteer (member_id, compound_code, teams, skills, availability)
                VALUES (:member, 'C02', :teams, '{"stitch": 5}', '{"weekly": [], "leave": []}')""")
                .bind("member", newcomer).bind("teams", new String[] { teamOne }).fetch().rowsUpdated().block();
        assertThat(ids(preview(500))).as("a new volunteer is ranked at once").contains(newcomer);

        database.sql("DELETE FROM volunteer WHERE member_id = :member").bind("member", newcomer).fetch().rowsUpdated().block();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(preview(500))).doesNotContain(newcomer));
    }

    private static List<UUID> ids(List<Map<String, Object>> ranked) {
        return ranked.stream().map(candidate -> UUID.fromString((String) candidate.get("volunteerId"))).toList();
    }

    private List<Map<String, Object>> preview(int limit) {
        return web.post().uri("/api/v1/dispatch-rules/preview").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("requestId", request.toString(), "limit", limit))
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
    }

    /** An order of the volunteer's for a request of its own: open (accepted) or completed lately with its hours. */
    private void ordered(UUID volunteer, String status, Integer hours) {
        UUID other = UUID.randomUUID();
        database.sql("INSERT INTO dispatch (request_id, category_code, urgency, status) VALUES (:request, :category, 'NORMAL', 'ASSIGNED')")
                .bind("request", other).bind("category", category).fetch().rowsUpdated().block();
        database.sql("""
                INSERT INTO order_offer (id, request_id, volunteer_id, team_key, status, offered_at, expires_at, completed_at, hours)
                VALUES (gen_random_uuid(), :request, :volunteer, 'rank', :status, now() - interval '2 days', now() - interval '2 days',
                        CASE WHEN :status = 'COMPLETED' THEN now() - interval '1 day' END, :hours)""")
                .bind("request", other).bind("volunteer", volunteer).bind("status", status)
                .bind("hours", hours == null ? BigDecimal.ZERO : BigDecimal.valueOf(hours))
                .fetch().rowsUpdated().block();
    }
}
