package community.dispatch.volunteer.privacy;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

@RestController
@RequiredArgsConstructor
@Tag(name = "Teams")
class PersonalDataController {

    private final PersonalDataExport export;

    @GetMapping("/api/v1/volunteers/{memberId}/export")
    @Operation(summary = "Everything volunteer-service holds about a person, for their export (the person, staff)",
            description = "Profile with home building, skills and availability; teams led; every offer and order with its hours "
                    + "and note; honour hours. member-service's GET /api/v1/members/{id}/export includes it.")
    @ApiResponse(responseCode = "200", description = "Their part of the export", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Neither the person nor staff")
    Mono<Volunteering> export(@PathVariable UUID memberId, @AuthenticationPrincipal Jwt jwt) {
        return export.export(memberId, Caller.of(jwt));
    }
}
