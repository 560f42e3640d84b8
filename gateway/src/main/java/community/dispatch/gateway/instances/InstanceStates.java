package community.dispatch.gateway.instances;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the gateway learns of each instance from the calls themselves, between readiness checks: an instance a call
 * could not reach leaves the rotation at once, for {@link RotationProperties#ejection} (passive outlier detection, a
 * breaker per instance); one that (re)joins gets a share of the calls that grows over {@link RotationProperties#slowStart}.
 * Never leaves a service without an instance: when every one is out, all are offered, as without these rules.
 */
public class InstanceStates {

    private static final Logger log = LoggerFactory.getLogger(InstanceStates.class);

    /** The share of its calls a joining instance gets at first. */
    private static final double FIRST_SHARE = 0.1;

    private final RotationProperties rotation;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Instant> ejectedUntil = new ConcurrentHashMap<>();
    private final Map<String, Instant> joinedAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> choices = new ConcurrentHashMap<>();
    /** Per service, how many instances were in the rotation when a call last chose one. */
    private final Map<String, Integer> inRotation = new ConcurrentHashMap<>();

    public InstanceStates(RotationProperties rotation, Clock clock, MeterRegistry meters) {
        this.rotation = rotation;
        this.clock = clock;
        this.meters = meters;
    }

    /** A call to the instance failed as a dead or dying instance's do: it leaves the rotation for a while. */
    void failed(ServiceInstance instance, String why) {
        Instant until = clock.instant().plus(rotation.ejection());
        if (ejectedUntil.put(instance.getInstanceId(), until) == null) {
            log.warn("{} leaves the rotation for {} s: {}", instance.getInstanceId(), rotation.ejection().toSeconds(), why);
            Counter.builder("dispatch.gateway.instances.ejected")
                    .description("Instances taken out of the rotation after a call failed, before their readiness check said so")
                    .tag("service", instance.getServiceId()).register(meters).increment();
        }
    }

    /** The instance passed its readiness check after being out of the rotation: its share grows from now. */
    void joined(ServiceInstance instance) {
        if (rotation.slowStart().isZero()) {
            return;
        }
        joinedAt.put(instance.getInstanceId(), clock.instant());
        log.info("{} joins the rotation; its share of calls grows over {} s", instance.getInstanceId(),
                rotation.slowStart().toSeconds());
    }

    /**
     * Of the ready instances, those this call may go to: none that is out after a failed call, and an instance that
     * joined lately only on its share of the calls. Never empty when some instance is ready.
     */
    List<ServiceInstance> choosable(List<ServiceInstance> ready) {
        Instant now = clock.instant();
        List<ServiceInstance> in = ready.stream().filter(instance -> !out(instance, now)).toList();
        if (in.isEmpty()) {
            return ready;
        }
        inRotation.put(in.get(0).getServiceId(), in.size());
        long call = choices.computeIfAbsent(in.get(0).getServiceId(), service -> new AtomicLong()).getAndIncrement();
        List<ServiceInstance> chosen = in.stream().filter(instance -> hasTurn(share(instance, now), call)).toList();
        return chosen.isEmpty() ? in : chosen;
    }

    /**
     * Whether the instance is still in its slow start while another instance of its service is in the rotation: a
     * call to it that may be repeated gets {@link RotationProperties#probation} to be answered, then goes to the other.
     */
    boolean onProbation(ServiceInstance instance) {
        return share(instance, clock.instant()) < 1 && inRotation.getOrDefault(instance.getServiceId(), 1) > 1;
    }

    private boolean out(ServiceInstance instance, Instant now) {
        Instant until = ejectedUntil.get(instance.getInstanceId());
        if (until == null) {
            return false;
        }
        if (now.isBefore(until)) {
            return true;
        }
        // Back after its time out: it warms up like a joining instance.
        if (ejectedUntil.remove(instance.getInstanceId(), until)) {
            joined(instance);
        }
        return false;
    }

    /** The share of the calls the instance is due: 1 once its slow start is over, from a tenth before. */
    private double share(ServiceInstance instance, Instant now) {
        Instant joined = joinedAt.get(instance.getInstanceId());
        if (joined == null) {
            return 1;
        }
        Duration since = Duration.between(joined, now);
        if (since.compareTo(rotation.slowStart()) >= 0) {
            joinedAt.remove(instance.getInstanceId(), joined);
            return 1;
        }
        return Math.max(FIRST_SHARE, (double) since.toMillis() / rotation.slowStart().toMillis());
    }

    /** Spreads a share evenly over the calls: call n takes part when the running total of shares crosses a whole number. */
    private static boolean hasTurn(double share, long call) {
        return share >= 1 || Math.floor((call + 1) * share) > Math.floor(call * share);
    }
}
