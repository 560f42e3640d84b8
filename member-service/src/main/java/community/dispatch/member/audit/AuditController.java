package community.dispatch.member.audit;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.kit.audit.AuditEntry;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import lombok.RequiredArgsConstructor;
import reactor.core.publisher.Mono;

@RestController
@RequiredArgsConstructor
@Tag(name = "Audit", description = "Every role change and admin-only action, and every refused attempt at one")
class AuditController {

    private final AuditTrail trail;

    @GetMapping("/api/v1/audit")
    @Operation(summary = "The audit trail (admins)", description = "Newest first; size at most 200.")
    Mono<List<AuditEntry>> read(
            @RequestParam(required = false) @Parameter(description = "Only entries about this member or client id") String target,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @AuthenticationPrincipal Jwt jwt) {
        return trail.read(target, page, size, Caller.of(jwt));
    }
}
