package community.dispatch.request.requests;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** Why a staff member or the requester decides as they do, when they say (withdrawing, turning down, climbing a rung). */
public record ReasonRequest(@Schema(example = "Fixed by a neighbour before anyone came.") @Size(max = 1000) String reason) {
}
