package community.dispatch.request.requests;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Municipal intake ({@code dispatch.intake.*}).
 *
 * @param sourceSystems the municipal systems whose tickets are taken ({@code DISPATCH_INTAKE_SOURCE_SYSTEMS});
 *        a ticket naming any other goes to the dead-letter topic
 */
@ConfigurationProperties("dispatch.intake")
public record IntakeProperties(@DefaultValue("city-12345") Set<String> sourceSystems) {
}
