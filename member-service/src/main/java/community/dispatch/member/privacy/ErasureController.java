package community.dispatch.member.privacy;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

@RestController
@RequiredArgsConstructor
@Tag(name = "Erasure", description = "A person's data erased at their request (PIPL art. 47), in every service")
class ErasureController {

    private final Erasures erasures;

    @Schema(description = "Why the person is erased: their request, as the office recorded it.")
    record ErasureRequest(@Schema(example = "Asked in person at the community office on 6 December; identity checked")
            @NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping("/api/v1/members/{id}/erasure")
    @Operation(summary = "Erase a person (staff; admins for staff and admins; never oneself)", description = """
            Cannot be undone. Their name, phone, username, password, home, roles, party membership, sign-in records, \
            sessions, notifications and messages are removed at once; request- and volunteer-service then remove what \
            they wrote and where they live from their requests and orders, and confirm (see `steps`). Their requests, \
            orders and hours stay under their id, tied to nobody, so KPIs and the time bank do not change. Asking again \
            answers the erasure already done. Audited.""")
    @ApiResponse(responseCode = "200", description = "Erased here; the other services' confirmations follow within seconds")
    @ApiResponse(responseCode = "404", description = "No such member")
    @ApiResponse(responseCode = "409", description = "Staff do not erase themselves")
    Mono<Erasure> erase(@PathVariable UUID id, @Valid @RequestBody ErasureRequest request, @AuthenticationPrincipal Jwt jwt) {
        return erasures.erase(id, request.reason().strip(), Caller.of(jwt));
    }

    @GetMapping("/api/v1/members/{id}/erasure")
    @Operation(summary = "A person's erasure and each service's confirmation (staff)",
            description = "Who asked for it, why and when, and `steps`: member-, request- and volunteer-service each confirm "
                    + "within seconds; `complete` once all three have.")
    @ApiResponse(responseCode = "200", description = "The erasure, with the confirmations so far")
    @ApiResponse(responseCode = "404", description = "The member was not erased")
    Mono<Erasure> find(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return erasures.find(id, Caller.of(jwt));
    }
}
