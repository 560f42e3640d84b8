package community.dispatch.request;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
class CategoriesIT {

    @Autowired
    WebTestClient web;
    @Autowired
    DatabaseClient database;

    @Test
    void anyoneReadsTheSeededCatalogueInTheirLanguage() {
        web.get().uri("/api/v1/categories").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(10)
                .jsonPath("$[?(@.code == 'straw-burning')].name").isEqualTo("秸秆焚烧举报")
                .jsonPath("$[?(@.code == 'straw-burning')].slaClass").isEqualTo("EMERGENCY")
                .jsonPath("$[?(@.code == 'neighbour-dispute')].route").isEqualTo("DELIBERATION");
        web.get().uri("/api/v1/categories/household-help").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-TW,en;q=0.5").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("物業與家庭幫辦")
                .jsonPath("$.nameZh").isEqualTo("物业与家庭帮办")
                .jsonPath("$.keywords[?(@ == '維修')]").exists()
                .jsonPath("$.keywords[?(@ == '维修')]").exists()
                .jsonPath("$.attributes[0].values[0].name").isEqualTo("维修 repair");
        web.get().uri("/api/v1/categories/household-help").header(HttpHeaders.ACCEPT_LANGUAGE, "zh").exchange()
                .expectBody().jsonPath("$.name").isEqualTo("物业与家庭帮办");
        web.get().uri("/api/v1/categories/childcare").header(HttpHeaders.ACCEPT_LANGUAGE, "en").exchange()
                .expectStatus().isOk()
                .expectHeader().exists(HttpHeaders.ETAG)
                .expectBody()
                .jsonPath("$.name").isEqualTo("Childcare and parent-child activities")
                .jsonPath("$.attributes[0].code").isEqualTo("children")
                .jsonPath("$.attributes[0].datatype").isEqualTo("number");
        web.get().uri("/api/v1/categories/nothing").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("category-not-found");
    }

    @Test
    void aCategoryChangedByAnotherInstanceIsReadWithinMoments() {
        String before = description("other");
        try {
            database.sql("UPDATE category SET description = 'Anything else (changed elsewhere)', version = version + 1 WHERE code = 'other'")
                    .fetch().rowsUpdated().block();

            await().atMost(Duration.ofSeconds(10)).until(() -> description("other"), "Anything else (changed elsewhere)"::equals);
        }
        finally {
            database.sql("UPDATE category SET description = :before, version = version + 1 WHERE code = 'other'")
                    .bind("before", before).fetch().rowsUpdated().block();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> description("other"), before::equals);
    }

    private String description(String code) {
        return (String) web.get().uri("/api/v1/categories/" + code).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("description");
    }

    @Test
    void onlyAdminsChangeTheCatalogue() {
        Map<String, Object> body = Map.of("code", "snow-clearing", "nameZh", "扫雪", "nameEn", "Snow clearing",
                "group", "environment", "description", "Clearing snow from paths", "slaClass", "URGENT",
                "route", "DISPATCH", "attributes", List.of(Map.of("code", "area", "description", "Where",
                        "datatype", "string", "required", true, "order", 1)));

        web.post().uri("/api/v1/categories").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
        web.post().uri("/api/v1/categories").headers(h -> h.setBearerAuth(People.resident("G01").token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isForbidden();
        web.post().uri("/api/v1/categories").headers(h -> h.setBearerAuth(People.admin().token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.attributes[0].required").isEqualTo(true);
        web.post().uri("/api/v1/categories").headers(h -> h.setBearerAuth(People.admin().token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(409);
        web.put().uri("/api/v1/categories/snow-clearing").headers(h -> {
                    h.setBearerAuth(People.admin().token());
                    h.setIfMatch("\"7\"");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(412);
        web.post().uri("/api/v1/categories").headers(h -> h.setBearerAuth(People.admin().token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", "Bad Code")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("validation-failed");
    }
}
