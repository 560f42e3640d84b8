package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * Dispatch that knows where: of two equally able volunteers the one living nearer to where help is wanted
 * is offered it, by the coordinates the app sent or, without them, by the building's place the register
 * told; the preview says how far each one lives.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
class NearestVolunteerIT extends DispatchingTestSupport {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

    @Test
    void theNearerOfTwoEquallyAbleVolunteersIsOfferedTheRequest() {
        database.sql("UPDATE volunteer SET teams = array_remove(teams, 'weaver')").fetch().rowsUpdated().block();
        // The farther one has the lower id: ties go to the lower id, so only distance can choose the nearer.
        UUID far = livingAt(UUID.fromString("00000000-0000-0000-0601-" + String.format("%012d", (long) (Math.random() * 1e11))),
                "C05", "C05/1", 33.9596, 116.7900);
        UUID near = livingAt(UUID.fromString("00000000-0000-0000-0602-" + String.format("%012d", (long) (Math.random() * 1e11))),
                "C01", "C01/3", 33.9560, 116.7905);

        UUID byPhone = submitAt("C01/2", 33.9564, 116.7900);
        awaitOffer(byPhone, near);
        assertThat(offeredTo(byPhone)).as("offered once, to the nearer").containsExactly(near);
        List<Map<String, Object>> preview = web.post().uri("/api/v1/dispatch-rules/preview").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("requestId", byPhone.toString())).exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(preview).singleElement().satisfies(candidate -> {
            assertThat(candidate).containsEntry("volunteerId", far.toString()).containsEntry("sameBuilding", false);
            assertThat((Integer) candidate.get("distanceMetres")).isBetween(350, 360);
        });

        // No coordinates from the app: the building's place, as the register told it, is where help is wanted.
        UUID atTheBuilding = submitAt("C05/1", null, null);
        awaitOffer(atTheBuilding, far);
        assertThat(offeredTo(atTheBuilding)).containsExactly(far);
    }

    /** A volunteer the register says lives in the building (placed on the map), put in the weaver team. */
    private UUID livingAt(UUID member, String compound, String building, double latitude, double longitude) {
        publish(Topics.MEMBER_EVENTS, member, new MemberRegistered(member, Set.of("RESIDENT", "VOLUNTEER"), compound, building,
                latitude, longitude));
        await().atMost(PATIENCE).untilAsserted(() -> web.put().uri("/api/v1/volunteers/" + member + "/teams")
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("teams", List.of("weaver"))).exchange().expectStatus().isOk());
        return member;
    }

    private UUID submitAt(String building, Double latitude, Double longitude) {
        UUID request = UUID.randomUUID();
        publish(Topics.REQUEST_EVENTS, request, new RequestSubmitted(request, "sewing-mending", "NORMAL", "APP", UUID.randomUUID(),
                Instant.now(), "DISPATCH", null, null, null, null, building, latitude, longitude));
        return request;
    }

    private List<UUID> offeredTo(UUID request) {
        return database.sql("SELECT volunteer_id FROM order_offer WHERE request_id = :id").bind("id", request)
                .map(row -> row.get("volunteer_id", UUID.class)).all().collectList().block();
    }
}
