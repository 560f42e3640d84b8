package community.dispatch.member.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An erasure and the proof of it: when it was asked for, by whom and why, and when each service that holds data
 * about people said it had erased this person.
 */
@Schema(description = "A person's erasure: who asked for it and why, and each service's confirmation.")
public record Erasure(
        UUID memberId,
        Instant requestedAt,
        @Schema(description = "the staff member who erased them", example = "5b0c3a4e-2f1d-4c8b-9a7e-6d5f4e3c2b1a") String requestedBy,
        @Schema(example = "Asked in person at the community office on 6 December; identity checked") String reason,
        @Schema(description = "one per service, as each confirms; complete when member-, request- and volunteer-service are all here")
        List<Step> steps) {

    /** The services that hold data about people: an erasure is complete when each has confirmed. */
    static final List<String> SERVICES = List.of("member-service", "request-service", "volunteer-service");

    @Schema(description = "A service's confirmation that it erased the person.")
    public record Step(@Schema(example = "request-service") String service, Instant doneAt,
            @Schema(description = "rows it removed or pseudonymised", example = "6") int records) {
    }

    @JsonProperty
    @Schema(description = "whether every service has confirmed", requiredMode = Schema.RequiredMode.REQUIRED)
    public boolean complete() {
        return steps.stream().map(Step::service).toList().containsAll(SERVICES);
    }

    Erasure withSteps(List<Step> done) {
        return new Erasure(memberId, requestedAt, requestedBy, reason, List.copyOf(done));
    }
}
