package community.dispatch.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import community.dispatch.web.problem.ProblemResponses;
import community.dispatch.web.problem.Problems;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * Gives the gateway's own refusals a problem+json body. Spring Cloud Gateway's filters end a refused
 * call with a bare status ({@code RequestRateLimiter} 429), and a refused
 * CORS preflight ends with a bare 403; the API promises RFC 9457 bodies for every error. Answers
 * from the services pass through untouched.
 */
@Component
@RequiredArgsConstructor
class BareErrorProblems implements WebFilter, Ordered {

    private final ProblemResponses problems;

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ProblemOnBareError response = new ProblemOnBareError(exchange.getResponse());
        ServerWebExchange withBodies = exchange.mutate().response(response).build();
        response.exchange = withBodies;
        return chain.filter(withBodies)
                .then(Mono.defer(() -> isBareError(response) ? writeProblem(withBodies) : Mono.empty()));
    }

    /** A response that, completed with an error status and no body, gets a problem body instead. */
    private final class ProblemOnBareError extends ServerHttpResponseDecorator {

        private ServerWebExchange exchange;

        ProblemOnBareError(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> setComplete() {
            return isBareError(this) ? writeProblem(exchange) : super.setComplete();
        }
    }

    private static boolean isBareError(ServerHttpResponse response) {
        HttpStatusCode status = response.getStatusCode();
        return status != null && status.isError() && !response.isCommitted();
    }

    private Mono<Void> writeProblem(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return problems.write(exchange, Problems.of(status, Problems.codeOf(status), detail(status)));
    }

    private static String detail(HttpStatusCode status) {
        return switch (status.value()) {
            case 429 -> "Too many calls. Try again after the number of seconds in Retry-After.";
            case 400 -> "The request was refused: its path or headers are not acceptable.";
            case 403 -> "This call is not allowed from here (for a browser: the page's origin may not call the API).";
            default -> {
                HttpStatus known = HttpStatus.resolve(status.value());
                yield known == null ? "The call was refused." : known.getReasonPhrase() + ".";
            }
        };
    }
}
