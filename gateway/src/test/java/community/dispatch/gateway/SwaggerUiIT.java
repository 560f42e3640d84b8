package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One Swagger UI on the gateway, listing every service's document as the gateway serves it. */
class SwaggerUiIT extends GatewayTest {

    @Autowired
    WebTestClient web;

    @Test
    void theSwaggerConfigListsTheThreeServicesDocumentsThroughTheGateway() {
        web.get().uri("/gateway/api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[*].name").value(names -> assertThat(names.toString())
                        .contains("request-service", "volunteer-service", "member-service"))
                .jsonPath("$.urls[?(@.name == 'member-service')].url").isEqualTo("/v3/api-docs/member-service")
                .jsonPath("$.oauth2RedirectUrl").exists();
    }

    @Test
    void theSwaggerUiPageIsServedAndPointsAtThatConfig() {
        String location = web.get().uri("/swagger-ui.html").exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        web.get().uri(location).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        web.get().uri("/webjars/swagger-ui/swagger-initializer.js").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(script -> assertThat(script).contains("/gateway/api-docs/swagger-config"));
    }
}
