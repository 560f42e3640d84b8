package community.dispatch.member.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.testing.FromTheGateway;
import community.dispatch.testing.ServiceIntegrationTest;

@ServiceIntegrationTest
@TestPropertySource(properties = { "dispatch.demo-data.enabled=true", "dispatch.sms.url=http://localhost:9/unused",
        "dispatch.auth.admin-password=demo-admin-password",
        "dispatch.auth.signing-key-secret=signing-key-secret-for-tests",
        "dispatch.edge.secret=" + FromTheGateway.SECRET })
class DemoCommunityIT {

    @Autowired
    DatabaseClient database;
    @Autowired
    DemoCommunity demo;

    @Test
    void theCommunityOfTheReportIsThereOnceWithClearlyFakePhones() {
        Map<String, Long> before = census();

        assertThat(before).containsEntry("compounds", 12L).containsEntry("grids", 6L)
                .containsEntry("party_members", 174L).containsEntry("leadership", 7L)
                .containsEntry("chiefs_per_kind", 6L).containsEntry("team_leaders", 6L)
                .containsEntry("fake_phones", before.get("with_phone"));
        assertThat(before.get("members")).isBetween(300L, 500L);
        assertThat(before.get("volunteers")).isEqualTo(48L);
        assertThat(before.get("registered_events")).as("one event per member, the first admin included")
                .isEqualTo(before.get("members"));

        demo.load().block();

        assertThat(census()).isEqualTo(before);
    }

    private Map<String, Long> census() {
        return database.sql("""
                        SELECT (SELECT count(*) FROM compound) AS compounds,
                               (SELECT count(*) FROM grid) AS grids,
                               (SELECT count(*) FROM member) AS members,
                               (SELECT count(*) FROM member WHERE party_kind IS NOT NULL) AS party_members,
                               (SELECT count(*) FROM member WHERE leadership) AS leadership,
                               (SELECT count(*) FROM grid_chief WHERE kind = 'SHOP') AS chiefs_per_kind,
                               (SELECT count(*) FROM member WHERE 'VOLUNTEER' = ANY(roles)) AS volunteers,
                               (SELECT count(*) FROM member WHERE 'TEAM_LEADER' = ANY(roles)) AS team_leaders,
                               (SELECT count(*) FROM member WHERE phone IS NOT NULL) AS with_phone,
                               (SELECT count(*) FROM member WHERE phone LIKE '100%') AS fake_phones,
                               (SELECT count(*) FROM outbox_event WHERE event_type = 'community.dispatch.member.registered.v1') AS registered_events
                        """)
                .map((row, meta) -> {
                    Map<String, Long> counts = new TreeMap<>();
                    meta.getColumnMetadatas().forEach(column -> counts.put(column.getName(), row.get(column.getName(), Long.class)));
                    return counts;
                })
                .one().block();
    }
}
