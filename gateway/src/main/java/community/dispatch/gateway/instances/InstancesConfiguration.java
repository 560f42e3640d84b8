package community.dispatch.gateway.instances;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every {@code lb://} service is balanced over its configured instances that pass their checks, less those a call just
 * failed on, with a slow start for those that join ({@link InstanceStates}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ConfiguredInstances.class, RotationProperties.class })
@LoadBalancerClients(defaultConfiguration = PerServiceInstances.class)
class InstancesConfiguration {

    @Bean
    InstanceStates instanceStates(RotationProperties rotation, MeterRegistry meters) {
        return new InstanceStates(rotation, Clock.systemUTC(), meters);
    }

    @Bean
    InstanceWatch instanceWatch(InstanceStates states, RotationProperties rotation) {
        return new InstanceWatch(states, rotation);
    }
}
