package community.dispatch.request.open311;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

@RestController
@RequestMapping("/api/v1/open311/api-keys")
@Validated
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Open311 api_keys", description = "Keys municipal systems file Open311 requests with (admins)")
@RequiredArgsConstructor
class ApiKeysController {

    private final ApiKeys keys;

    @PostMapping
    @Operation(summary = "Issue an api_key to a municipal system (admins)", description = """
            The system must be registered (POST /api/v1/auth/clients); its client id becomes the source of every \
            request it files. The key is in this answer only (Cache-Control: no-store; a repeat with the same \
            Idempotency-Key is a 409 secret-shown-once, never the key again). It works until revoked or until the \
            system is retired.""")
    @ApiResponse(responseCode = "201", description = "Issued", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Not a registered municipal system")
    @ApiResponse(responseCode = "409", description = "Repeated with the same Idempotency-Key: the key was issued and is not shown again")
    Mono<ResponseEntity<IssuedKeyResponse>> issue(@Valid @RequestBody IssueRequest body, @AuthenticationPrincipal Jwt jwt) {
        return keys.issue(body.clientId(), Caller.of(jwt)).map(issued -> ResponseEntity
                .created(URI.create("/api/v1/open311/api-keys/" + issued.issued().id()))
                .cacheControl(CacheControl.noStore())
                .body(IssuedKeyResponse.of(issued.issued(), issued.apiKey())));
    }

    @GetMapping
    @Operation(summary = "Every api_key issued (admins)", description = "Newest first, revoked ones included; never the keys themselves, only their last four characters.")
    Mono<List<IssuedKeyResponse>> all() {
        return keys.all().map(issued -> IssuedKeyResponse.of(issued, null)).collectList();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an api_key (admins)", description = "It stops working at once.")
    @ApiResponse(responseCode = "404", description = "No live key with this id")
    Mono<Void> revoke(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return keys.revoke(id, Caller.of(jwt));
    }

    record IssueRequest(@Schema(example = "municipal-7f3a9c2b1d0e", description = "A registered municipal system's client id")
            @NotBlank @Pattern(regexp = "^[a-z0-9_-]{3,50}$") String clientId) {
    }

    record IssuedKeyResponse(UUID id, @Schema(example = "municipal-7f3a9c2b1d0e") String clientId,
            @Schema(example = "12345 hotline platform", description = "The system's name; absent once it is retired") String systemName,
            @Schema(example = "Zq3k9V0xW2yP7mN4bT6cR1sH8dL5fA0jE3gU2iO9kYw", description = "Only in the answer to issuing; never shown again") String apiKey,
            @Schema(example = "kYw9", description = "The key's last four characters") String hint,
            Instant createdAt, Instant revokedAt) {

        static IssuedKeyResponse of(IssuedKey issued, String apiKey) {
            return new IssuedKeyResponse(issued.id(), issued.clientId(), issued.systemName(), apiKey, issued.hint(),
                    issued.createdAt(), issued.revokedAt());
        }
    }
}
