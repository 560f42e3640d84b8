package community.dispatch.gateway.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelOption;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * A service's instances as the load balancer offers them: those whose readiness check
 * ({@code spring.cloud.loadbalancer.health-check.*}) last answered 200. Unlike Spring Cloud's plain
 * health check it fails open: until the first check completes, and whenever no instance passes, every
 * configured instance is offered — a call then reaches a live one or fails as it would without a load
 * balancer (and is repeated on another instance when it could not connect), instead of being refused
 * with "no servers" because a check was slow. Between checks, each call is offered what {@link InstanceStates}
 * allows: not an instance a call just failed on, and one that passed its check again only on its growing share.
 */
final class CheckedInstances extends HealthCheckServiceInstanceListSupplier {

    private static final WebClient CHECKS = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
                    .responseTimeout(Duration.ofSeconds(2))))
            .build();

    private final InstanceStates states;

    /** Not seen ready for this long, an instance that passes its check again is joining the rotation anew. */
    private final Duration gone;

    private final Instant started = Instant.now();

    private final Map<String, Instant> lastSeenReady = new ConcurrentHashMap<>();

    CheckedInstances(ServiceInstanceListSupplier configured, ReactiveLoadBalancer.Factory<ServiceInstance> factory,
            InstanceStates states, Duration checkInterval) {
        super(configured, factory, CheckedInstances::isReady);
        this.states = states;
        this.gone = checkInterval.multipliedBy(2).plusSeconds(1);
    }

    @Override
    protected Flux<List<ServiceInstance>> healthCheckFlux(List<ServiceInstance> instances) {
        return super.healthCheckFlux(instances)
                .doOnNext(this::noteJoins)
                .map(ready -> ready.isEmpty() ? instances : ready)
                .startWith(instances);
    }

    /** Each call's choice: the ready instances as {@link InstanceStates} allows them at this moment. */
    @Override
    public Flux<List<ServiceInstance>> get() {
        return super.get().map(states::choosable);
    }

    /**
     * An instance that passes its check after missing the last rounds (it started again, or came back) joins with a slow
     * start; those ready from the first rounds start with their full share. (Each round reports its instances one by
     * one as their checks answer, so a round is not a list: what counts is when each was last seen ready.)
     */
    private void noteJoins(List<ServiceInstance> ready) {
        Instant now = Instant.now();
        for (ServiceInstance instance : List.copyOf(ready)) {
            Instant seen = lastSeenReady.put(instance.getInstanceId(), now);
            if (Duration.between(seen == null ? started : seen, now).compareTo(gone) > 0) {
                states.joined(instance);
            }
        }
    }

    private static Mono<Boolean> isReady(ServiceInstance instance, String path) {
        return CHECKS.get()
                .uri(UriComponentsBuilder.fromUri(instance.getUri()).path(path).build().toUri())
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value() == 200));
    }
}
