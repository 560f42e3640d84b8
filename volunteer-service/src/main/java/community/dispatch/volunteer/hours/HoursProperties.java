package community.dispatch.volunteer.hours;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The time bank ({@code dispatch.hours.*}): how many points an hour of service earns. */
@ConfigurationProperties("dispatch.hours")
record HoursProperties(@DefaultValue("10") double pointsPerHour) {
}
