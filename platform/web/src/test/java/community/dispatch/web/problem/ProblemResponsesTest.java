package community.dispatch.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A problem's title speaks the caller's language; its code and detail stay as the service made them. */
class ProblemResponsesTest {

    /** As Spring Boot configures it: a problem's properties beside its standard fields. */
    private static final JsonMapper JSON = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    @ParameterizedTest(name = "{0} {1} → {3}")
    @CsvSource(delimiter = '|', value = {
            "''                | validation-failed | 400 | Validation failed        | en",
            "zh-CN             | validation-failed | 400 | 请求中有无效的字段        | zh-Hans",
            "zh-TW             | validation-failed | 400 | 請求中有無效的欄位        | zh-Hant",
            "zh-Hans;q=0.9, en;q=0.5 | forbidden   | 403 | 您无权进行此操作          | zh-Hans",
            "en-GB, zh;q=0.5   | forbidden         | 403 | Forbidden                | en",
            "zh                | request-not-found | 404 | 未找到                    | zh-Hans",
            "zh-HK             | stale-request     | 412 | 內容已被他人修改，請重新讀取 | zh-Hant",
            "fr                | stale-request     | 412 | Stale request            | en" })
    void theTitleIsInTheCallersLanguage(String acceptLanguage, String code, int status, String title, String contentLanguage) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/requests/42");
        if (!acceptLanguage.isBlank()) {
            request.header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);

        new ProblemResponses(JSON).write(exchange, Problems.of(HttpStatus.valueOf(status), code, "Request 42 is not there.")).block();

        JsonNode body = JSON.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body.path("title").asString()).isEqualTo(title);
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("detail").asString()).isEqualTo("Request 42 is not there.");
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo(contentLanguage);
    }
}
