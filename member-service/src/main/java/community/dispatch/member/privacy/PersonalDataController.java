package community.dispatch.member.privacy;

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
@Tag(name = "Erasure")
class PersonalDataController {

    private final PersonalDataExport export;

    @GetMapping("/api/v1/members/{id}/export")
    @Operation(summary = "Everything held about a person, as one document (the person, staff)", description = """
            PIPL art. 45: their register entry and home, notification settings and notifications, sign-in history \
            (sessions, failed attempts, addresses they signed in from), the visits to their household, and — from \
            request- and volunteer-service, asked with your own token — their requests with what they wrote, ratings \
            and timelines, and their volunteering: orders, hours, honour hours. Every part or none (503 when a service \
            does not answer). Audited (`member.exported`).""")
    @ApiResponse(responseCode = "200", description = "The document", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Neither the person nor staff")
    @ApiResponse(responseCode = "404", description = "No such member")
    @ApiResponse(responseCode = "503", description = "request- or volunteer-service did not give its part; try again")
    Mono<PersonalData> export(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return export.export(id, Caller.of(jwt), jwt.getTokenValue());
    }
}
