package community.dispatch.gateway.instances;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The load balancer's configuration for one service, applied in the child context Spring Cloud
 * LoadBalancer makes per service (so deliberately not a component the application context scans).
 */
class PerServiceInstances {

    @Bean
    ServiceInstanceListSupplier checkedInstances(Environment environment, ConfiguredInstances configured,
            LoadBalancerClientFactory factory, InstanceStates states) {
        String service = LoadBalancerClientFactory.getName(environment);
        ServiceInstance[] instances = configured.of(service).toArray(ServiceInstance[]::new);
        return new CheckedInstances(ServiceInstanceListSuppliers.from(service, instances), factory, states,
                factory.getProperties(service).getHealthCheck().getInterval());
    }
}
