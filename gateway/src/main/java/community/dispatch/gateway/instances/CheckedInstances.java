package community.dispatch.gateway.instances;

import java.time.Duration;
import java.util.List;

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
 * with "no servers" because a check was slow.
 */
final class CheckedInstances extends HealthCheckServiceInstanceListSupplier {

    private static final WebClient CHECKS = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
                    .responseTimeout(Duration.ofSeconds(2))))
            .build();

    CheckedInstances(ServiceInstanceListSupplier configured, ReactiveLoadBalancer.Factory<ServiceInstance> factory) {
        super(configured, factory, CheckedInstances::isReady);
    }

    @Override
    protected Flux<List<ServiceInstance>> healthCheckFlux(List<ServiceInstance> instances) {
        return super.healthCheckFlux(instances)
                .map(ready -> ready.isEmpty() ? instances : ready)
                .startWith(instances);
    }

    private static Mono<Boolean> isReady(ServiceInstance instance, String path) {
        return CHECKS.get()
                .uri(UriComponentsBuilder.fromUri(instance.getUri()).path(path).build().toUri())
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value() == 200));
    }
}
