package community.dispatch.gateway.instances;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Where each service's instances are, from configuration ({@code dispatch.gateway.instances.<service>}:
 * one or more base URIs, comma-separated). Routes name a service ({@code lb://request-service}) and
 * Spring Cloud LoadBalancer spreads calls over these instances ({@link CheckedInstances}). On
 * Kubernetes a service has one URI, its Service's, and the cluster spreads the calls.
 */
@ConfigurationProperties("dispatch.gateway")
public record ConfiguredInstances(Map<String, List<URI>> instances) {

    public ConfiguredInstances {
        instances = instances == null ? Map.of() : Map.copyOf(instances);
    }

    /** The service's instances, named {@code <service>-1}, {@code <service>-2}, … in configured order. */
    public List<ServiceInstance> of(String service) {
        List<URI> uris = instances.getOrDefault(service, List.of());
        return IntStream.range(0, uris.size())
                .mapToObj(index -> instance(service, index + 1, uris.get(index)))
                .toList();
    }

    private static ServiceInstance instance(String service, int number, URI uri) {
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(service + "-" + number, service, uri.getHost(), port, secure);
    }
}
