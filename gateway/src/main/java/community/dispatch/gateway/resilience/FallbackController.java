package community.dispatch.gateway.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import community.dispatch.web.limits.BodyLimit;
import community.dispatch.web.problem.Problems;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.swagger.v3.oas.annotations.Hidden;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a call it could not complete. An open circuit and a service
 * that cannot be reached answer 503 with {@code Retry-After}, as does a route with its most calls in
 * flight (its bulkhead, which is never held against the service's health); a service that did not answer in the
 * route's time limit answers 504. Both are problem+json, and name the service but nothing internal.
 * Reached only by the gateway's own forward; called from outside it is just an unknown path.
 */
@Hidden
@RestController
class FallbackController {

    static final String PATH = "/fallback";

    private final Duration openCircuitRetryAfter;

    FallbackController(@Value("${resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state:10s}") Duration openCircuitRetryAfter) {
        this.openCircuitRetryAfter = openCircuitRetryAfter;
    }

    @RequestMapping(PATH)
    Mono<Void> fallback(ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String service = route == null ? "The service" : route.getId();
        return Mono.error(problemFor(failure, service));
    }

    private ErrorResponseException problemFor(Throwable failure, String service) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimit.BodyTooLarge tooLarge) {
                // The client's body, not the service, ended the call.
                return tooLarge;
            }
        }
        if (isTimeout(failure)) {
            return Problems.error(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout",
                    service + " did not answer in time. It may still complete the call; "
                            + "repeat it with the same Idempotency-Key, or read before writing again.");
        }
        if (failure instanceof BulkheadFullException) {
            ErrorResponseException busy = Problems.error(HttpStatus.SERVICE_UNAVAILABLE, "service-busy",
                    service + " has as many calls in progress as this gateway sends it at once. Try again in a second.");
            busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return busy;
        }
        String detail = failure instanceof CallNotPermittedException
                ? service + " is failing and is given a pause. Try again later."
                : service + " cannot be reached. Try again later.";
        ErrorResponseException unavailable = Problems.error(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", detail);
        unavailable.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, openCircuitRetryAfter.toSeconds())));
        return unavailable;
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
                return true;
            }
        }
        return false;
    }
}
