package community.dispatch.member.signin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.web.client.ClientAddresses;
import community.dispatch.web.language.Language;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;
import community.dispatch.member.tokens.TokenResponse;
import community.dispatch.member.clients.Clients;
import community.dispatch.member.messages.MessageSandbox;
import community.dispatch.member.messages.SandboxText;

@RestController
@RequestMapping("/api/v1/auth")
@Validated
@Tag(name = "Sign-in", description = "Staff sign in with a username and password, residents and volunteers with a one-time code sent to their phone.")
@RequiredArgsConstructor
class SignInController {

    private static final String PHONE = "^1\\d{10}$";

    private final SignIn signIn;
    private final SignInCodes codes;
    private final Accounts accounts;
    private final MessageSandbox sandbox;
    private final Clients clients;
    private final ClientAddresses clientAddresses;

    @PostMapping("/codes")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a one-time code", description = "Answers 202 whether or not the phone belongs to a member. The text message is in the language of Accept-Language (Simplified Chinese unless it asks for Traditional or English). A few requests per phone, more per client network and a ceiling for everyone within the window; beyond them 429.")
    @ApiResponse(responseCode = "429", description = "Too many codes asked for this phone, from this network, or in all; see Retry-After")
    Mono<Void> requestCode(@Valid @RequestBody CodeRequest request, ServerHttpRequest http) {
        return codes.requestCode(request.phone(), clientAddresses.of(http),
                Language.of(http.getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE), Language.ZH_HANS));
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in", description = "Either username and password, or phone and code. Answers the OAuth 2.0 token response.")
    @ApiResponse(responseCode = "200", description = "Signed in: the OAuth 2.0 token response", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Wrong credentials, or a wrong, used or expired code")
    @ApiResponse(responseCode = "429", description = "Locked after too many failures; see Retry-After")
    Mono<ResponseEntity<TokenResponse>> login(@Valid @RequestBody LoginRequest request, ServerHttpRequest http) {
        Mono<TokenResponse> tokens;
        if (request.username() != null && request.password() != null && request.phone() == null && request.code() == null) {
            tokens = signIn.withPassword(request.username(), request.password(), clientAddresses.of(http));
        }
        else if (request.phone() != null && request.code() != null && request.username() == null && request.password() == null) {
            tokens = signIn.withCode(request.phone(), request.code(), clientAddresses.of(http));
        }
        else {
            tokens = Mono.error(DomainException.invalid("credentials-required",
                    "Send either username and password, or phone and code."));
        }
        return tokens.map(body -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body));
    }

    @PostMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change your password", description = "The current password must be right (failures count towards the lockout); the new one has at least 12 characters. Every session ends: sign in again.")
    @ApiResponse(responseCode = "400", description = "The current password is wrong, or the new one too short")
    Mono<Void> changePassword(@Valid @RequestBody PasswordChange request, @AuthenticationPrincipal Jwt jwt) {
        return accounts.changePassword(Caller.of(jwt), request.currentPassword(), request.newPassword());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign out", description = "Ends the sign-in the refresh token belongs to: it and every token refreshed from it stop working. Answers 204 either way.")
    Mono<Void> logout(@Valid @RequestBody LogoutRequest request, @AuthenticationPrincipal Jwt jwt) {
        return signIn.signOut(Caller.of(jwt), request.refresh_token());
    }

    @DeleteMapping("/lockouts/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Lift a user's sign-in lockouts (admins)", description = "Forgets the user's failed password sign-ins from every client address, and the account's slowing; audited. 204 whether or not any were locked.")
    Mono<Void> unlock(@PathVariable @Pattern(regexp = "^[a-z0-9._-]{3,50}$") String username, @AuthenticationPrincipal Jwt jwt) {
        return signIn.unlock(Caller.of(jwt), username);
    }

    @DeleteMapping("/lockouts/phones/{phone}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Lift a phone's code sign-in lockouts (admins)", description = "Forgets the phone's wrong codes from every client address; audited. 204 whether or not any were locked.")
    Mono<Void> unlockPhone(@PathVariable @Pattern(regexp = PHONE) String phone, @AuthenticationPrincipal Jwt jwt) {
        return signIn.unlockPhone(Caller.of(jwt), phone);
    }

    @GetMapping("/sms-sandbox")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Read the SMS sandbox (admins)", description = "Messages the system would have sent in the last hour, newest first; only where the sandbox is on (DISPATCH_SMS_SANDBOX=true), otherwise 404.")
    Flux<SandboxText> sandbox(@RequestParam(required = false) @Pattern(regexp = PHONE) String phone,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return !sandbox.keepsTexts() ? Flux.error(DomainException.notFound("no-sms-sandbox",
                "Messages are sent to the SMS provider here, not kept.")) : sandbox.texts(phone, limit);
    }

    @PostMapping("/clients")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a municipal system (admins)", description = "The answer holds the client secret; it is not shown again. The client id is the sourceSystem its tickets on dispatch.intake must name. Audited.")
    Mono<Clients.RegisteredClient> registerClient(@Valid @RequestBody ClientRequest request, @AuthenticationPrincipal Jwt jwt) {
        return clients.register(request.name(), Caller.of(jwt));
    }

    @DeleteMapping("/clients/{clientId}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Retire a municipal system (admins)", description = "Its secret stops working at once and its tickets are no longer taken; tokens it already holds run out within minutes. Audited.")
    @ApiResponse(responseCode = "404", description = "No active client with this id")
    Mono<Void> retireClient(@PathVariable @Pattern(regexp = "^[a-z0-9_-]{3,50}$") String clientId, @AuthenticationPrincipal Jwt jwt) {
        return clients.retire(clientId, Caller.of(jwt));
    }

    @GetMapping("/clients")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "List municipal systems (admins)", description = "The active ones, oldest first; secrets are never shown again.")
    Mono<List<Clients.RegisteredClient>> listClients() {
        return clients.list().collectList();
    }

    record CodeRequest(@Schema(example = "10000000196")
            @NotBlank @Pattern(regexp = PHONE, message = "must be an 11-digit mobile number starting with 1") String phone) {
    }

    record PasswordChange(@Schema(example = "correct-horse-battery-staple") @NotBlank @Size(max = 200) String currentPassword,
            @Schema(example = "a-much-longer-and-newer-passphrase") @NotBlank @Size(max = 200) String newPassword) {
    }

    record LogoutRequest(@Schema(example = "rt_5Jm2x9QeLrT0aVb3") @NotBlank @Size(max = 200) String refresh_token) {
    }

    record LoginRequest(
            @Schema(example = "admin", description = "With password; or leave both out and send phone and code") @Size(max = 50) String username,
            @Schema(example = "correct-horse-battery-staple") @Size(max = 200) String password,
            @Schema(example = "10000000196") @Pattern(regexp = PHONE, message = "must be an 11-digit mobile number starting with 1") String phone,
            @Schema(example = "482913") @Pattern(regexp = "^\\d{6}$", message = "must be the 6 digits sent to you") String code) {
    }

    record ClientRequest(@Schema(example = "12345 hotline platform") @NotBlank @Size(max = 100) String name) {
    }
}
