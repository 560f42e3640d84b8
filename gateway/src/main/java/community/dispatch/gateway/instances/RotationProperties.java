package community.dispatch.gateway.instances;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway keeps a service's rotation healthy between readiness checks ({@code dispatch.gateway.rotation.*}).
 *
 * @param ejection how long an instance stays out of the rotation after a call to it could not connect, was cut off or
 *        was answered 503 (it comes back sooner only if no other instance is left)
 * @param slowStart how long an instance that (re)joins the rotation takes to get its full share of calls: from a tenth
 *        of it, growing evenly, so a cold JVM warms up on a few calls instead of half of them
 * @param probation how long an instance in its slow start may take to answer a call that may be repeated (a read, or
 *        a POST with an {@code Idempotency-Key}) while another instance is in the rotation: past it, the call is repeated
 *        on the other one and the slow instance leaves the rotation as a failed one does. A JVM just started can stall
 *        for seconds (class loading, compilation, its consumers joining their groups) with its readiness check
 *        passing; keep it under half the route's time limit, so the repeat still fits in it
 */
@ConfigurationProperties("dispatch.gateway.rotation")
public record RotationProperties(
        @DefaultValue("10s") Duration ejection,
        @DefaultValue("30s") Duration slowStart,
        @DefaultValue("2s") Duration probation) {
}
