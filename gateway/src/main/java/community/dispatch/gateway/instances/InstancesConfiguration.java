package community.dispatch.gateway.instances;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/** Every {@code lb://} service is balanced over its configured instances that pass their checks. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConfiguredInstances.class)
@LoadBalancerClients(defaultConfiguration = PerServiceInstances.class)
class InstancesConfiguration {
}
