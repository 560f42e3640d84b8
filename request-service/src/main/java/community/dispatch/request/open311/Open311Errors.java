package community.dispatch.request.open311;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import tools.jackson.databind.json.JsonMapper;

/** Open311's refusals as the spec lists them — {@code [{code, description}]} or {@code <errors>} — never problem+json. */
@RestControllerAdvice(assignableTypes = Open311Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Open311Errors {

    private final JsonMapper json;

    Open311Errors(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler
    ResponseEntity<Object> refused(Open311Exception refused, ServerWebExchange exchange) {
        return answer(refused.status(), refused.descriptions(), exchange);
    }

    @ExceptionHandler
    ResponseEntity<Object> unreadable(ServerWebInputException unreadable, ServerWebExchange exchange) {
        return answer(HttpStatus.BAD_REQUEST, List.of(unreadable.getReason() == null ? "the request could not be read"
                : unreadable.getReason()), exchange);
    }

    private ResponseEntity<Object> answer(HttpStatus status, List<String> descriptions, ServerWebExchange exchange) {
        List<GeoReportViews.Error> errors = descriptions.stream().map(text -> new GeoReportViews.Error(status.value(), text)).toList();
        return Open311Format.ofPath(exchange.getRequest().getPath().value()).answer(status, "errors", errors, json);
    }
}
