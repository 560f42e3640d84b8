package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberUpdated;
import community.dispatch.testing.TopicReader;

/**
 * Admins place buildings on the map, within the community's area; the members living there are published
 * again with their home's place, which is what dispatch measures distances from.
 */
@MemberServiceTest
class BuildingLocationIT extends MemberServiceTestSupport {

    @Autowired
    DatabaseClient database;
    @Autowired
    EventCodec codec;

    @Test
    void aPlacedBuildingTellsWhereItsPeopleLive() {
        List<UUID> homes = TestCommunity.households(database, TestCommunity.grid(database, TestCommunity.newGridCode("L")), 1);
        UUID resident = accounts.register(Map.of("name", "居民 Resident", "phone", Accounts.newPhone(), "roles",
                List.of("RESIDENT", "VOLUNTEER"), "unitId", homes.get(0).toString()));
        String compound = database.sql("SELECT c.code FROM unit u JOIN building b ON b.id = u.building_id JOIN compound c "
                + "ON c.id = b.compound_id WHERE u.id = :unit").bind("unit", homes.get(0))
                .map(row -> row.get("code", String.class)).one().block();

        web.put().uri("/api/v1/places/compounds/{code}/buildings/1/location", compound).headers(h -> h.setBearerAuth(accounts.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("latitude", 33.9612, "longitude", 116.8011)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.latitude").isEqualTo(33.9612).jsonPath("$.longitude").isEqualTo(116.8011);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.events(Topics.MEMBER_EVENTS, resident))
                .filteredOn(event -> event.type().equals("community.dispatch.member.updated.v1"))
                .extracting(event -> codec.data(event, MemberUpdated.class))
                .anySatisfy(updated -> {
                    assertThat(updated.building()).isEqualTo(compound + "/1");
                    assertThat(updated.latitude()).isEqualTo(33.9612);
                    assertThat(updated.longitude()).isEqualTo(116.8011);
                    assertThat(updated.active()).isTrue();
                }));
        web.get().uri("/api/v1/members/" + resident).headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.home.latitude").isEqualTo(33.9612);
    }

    @Test
    void aPlaceOutsideTheCommunityOrABuildingThatIsNotThereIsRefused() {
        web.put().uri("/api/v1/places/compounds/C01/buildings/1/location").headers(h -> h.setBearerAuth(accounts.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("latitude", 31.2304, "longitude", 121.4737)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("latitude");
        web.put().uri("/api/v1/places/compounds/NOWHERE/buildings/1/location").headers(h -> h.setBearerAuth(accounts.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("latitude", 33.96, "longitude", 116.80)).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("building-not-found");
    }
}
