package community.dispatch.request.open311;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import community.dispatch.kit.openapi.OwnErrorFormat;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 (and mySociety's servicerequestupdates), each resource as {@code .json} or {@code .xml}, as
 * {@link Open311Api} documents it. Reads are public; filing a request or an update needs an {@code api_key} an admin
 * issued. Refusals are the spec's error lists, in the format asked for ({@link Open311Errors}).
 */
@RestController
@OwnErrorFormat
@RequestMapping("/open311/v2")
class Open311Controller implements Open311Api {

    private final GeoReport geoReport;
    private final JsonMapper json;

    Open311Controller(GeoReport geoReport, JsonMapper json) {
        this.geoReport = geoReport;
        this.json = json;
    }

    @Override
    public ResponseEntity<Object> discovery(String format) {
        return Open311Format.of(format).answer(HttpStatus.OK, "discovery", geoReport.discovery(), json);
    }

    @Override
    public Mono<ResponseEntity<Object>> services(String format, String jurisdiction, String language) {
        Open311Format answer = Open311Format.of(format);
        geoReport.checkJurisdiction(jurisdiction);
        return geoReport.services(language).map(services -> answer.answer(HttpStatus.OK, "services", services, json));
    }

    @Override
    public Mono<ResponseEntity<Object>> definition(String code, String format, String jurisdiction) {
        Open311Format answer = Open311Format.of(format);
        geoReport.checkJurisdiction(jurisdiction);
        return geoReport.definition(code).map(definition -> answer.answer(HttpStatus.OK, "service_definition", definition, json));
    }

    @Override
    public Mono<ResponseEntity<Object>> file(String format, ServerWebExchange exchange) {
        Open311Format answer = Open311Format.of(format);
        return fields(exchange).flatMap(geoReport::file).map(created -> answer.answer(HttpStatus.CREATED, "service_requests", created, json));
    }

    @Override
    public Mono<ResponseEntity<Object>> requests(String format, String ids, String serviceCode, String startDate, String endDate,
            String status, String page, String pageSize, String jurisdiction, String language, ServerWebExchange exchange) {
        Open311Format answer = Open311Format.of(format);
        return geoReport.requests(exchange.getRequest().getQueryParams(), language)
                .map(found -> answer.answer(HttpStatus.OK, "service_requests", found, json));
    }

    @Override
    public Mono<ResponseEntity<Object>> request(String id, String format, String jurisdiction, String language) {
        Open311Format answer = Open311Format.of(format);
        geoReport.checkJurisdiction(jurisdiction);
        return geoReport.request(id, language).map(found -> answer.answer(HttpStatus.OK, "service_requests", found, json));
    }

    @Override
    public Mono<ResponseEntity<Object>> token(String token, String format, String jurisdiction) {
        Open311Format answer = Open311Format.of(format);
        geoReport.checkJurisdiction(jurisdiction);
        return geoReport.token(token).map(found -> answer.answer(HttpStatus.OK, "service_requests", found, json));
    }

    @Override
    public Mono<ResponseEntity<Object>> updates(String format, String startDate, String endDate, String jurisdiction,
            ServerWebExchange exchange) {
        Open311Format answer = Open311Format.of(format);
        return geoReport.updates(exchange.getRequest().getQueryParams())
                .map(found -> answer.answer(HttpStatus.OK, "service_request_updates", found, json));
    }

    @Override
    public Mono<ResponseEntity<Object>> postUpdate(String format, ServerWebExchange exchange) {
        Open311Format answer = Open311Format.of(format);
        return fields(exchange).flatMap(geoReport::postUpdate)
                .map(posted -> answer.answer(HttpStatus.CREATED, "service_request_updates", posted, json));
    }

    /**
     * The form's fields. An api_key in the address is refused, not read: addresses end up in proxies' and
     * browsers' logs, and a key seen there must be revoked.
     */
    private static Mono<MultiValueMap<String, String>> fields(ServerWebExchange exchange) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return Mono.error(Open311Exception.badRequest("send the fields form-encoded (application/x-www-form-urlencoded)"));
        }
        if (exchange.getRequest().getQueryParams().containsKey("api_key")) {
            return Mono.error(Open311Exception.badRequest("send api_key in the form body, never in the address"));
        }
        return exchange.getFormData();
    }
}
