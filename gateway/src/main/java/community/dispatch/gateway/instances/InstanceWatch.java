package community.dispatch.gateway.instances;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR;

import java.io.IOException;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

import community.dispatch.gateway.resilience.SafeRetryGatewayFilterFactory;
import reactor.core.publisher.Mono;

/**
 * Watches every attempt of a call at the instance the load balancer chose for it (retries included; it runs right after
 * the choice). One that could not connect, was cut off (the instance died or is going away) or was answered 503 takes
 * that instance out of the rotation at once ({@link InstanceStates}), so the call's repeat and the calls after it go to
 * another instance instead of waiting for the next readiness check. An instance in its slow start is on probation: a
 * call that may be repeated ({@link SafeRetryGatewayFilterFactory}) and that it does not answer within
 * {@link RotationProperties#probation} is given up on there, the instance leaves the rotation, and the call is repeated
 * on another.
 */
final class InstanceWatch implements GlobalFilter, Ordered {

    private final InstanceStates states;
    private final RotationProperties rotation;

    InstanceWatch(InstanceStates states, RotationProperties rotation) {
        this.states = states;
        this.rotation = rotation;
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Response<ServiceInstance> chosen = exchange.getAttribute(GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        if (chosen == null || !chosen.hasServer()) {
            return chain.filter(exchange);
        }
        ServiceInstance instance = chosen.getServer();
        Mono<Void> attempt = chain.filter(exchange);
        if (SafeRetryGatewayFilterFactory.isRepeatable(exchange) && states.onProbation(instance)) {
            attempt = attempt.timeout(rotation.probation(), Mono.error(() -> new TimeoutException(
                    instance.getInstanceId() + " did not answer within " + rotation.probation().toMillis() + " ms of its slow start")));
        }
        return attempt
                .doOnSuccess(done -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    if (status != null && status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                        states.failed(instance, "it answered 503");
                    }
                })
                .doOnError(failure -> {
                    if (failure instanceof TimeoutException || unreachable(failure)) {
                        states.failed(instance, String.valueOf(failure));
                    }
                });
    }

    /** Could not connect, or the connection broke (reset, closed before the answer): an I/O failure anywhere in the causes. */
    private static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
