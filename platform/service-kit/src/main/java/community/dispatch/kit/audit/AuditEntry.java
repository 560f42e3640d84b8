package community.dispatch.kit.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One line of the audit trail. */
public record AuditEntry(UUID id, Instant at,
        @Schema(example = "2b0f3c5e-6a47-4d51-9a43-1f0e8f6f7a10", description = "Who acted: a member id or a client id") String actor,
        @Schema(example = "member.roles-changed") String action,
        @Schema(example = "7cbbd5a5-03b4-301f-bd62-6e91495dacd1", description = "Whom or what it was done to") String target,
        Outcome outcome,
        @Schema(example = "{\"roles\": [\"STAFF\"]}") Map<String, Object> before,
        @Schema(example = "{\"roles\": [\"ADMIN\", \"STAFF\"]}") Map<String, Object> after) {

    public enum Outcome {
        DONE, REFUSED
    }
}
