package community.dispatch.member.signin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import community.dispatch.web.client.ClientAddresses;
import community.dispatch.errors.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;
import community.dispatch.member.tokens.TokenResponse;
import community.dispatch.member.tokens.SigningKeys;
import community.dispatch.member.tokens.TokenProperties;
import community.dispatch.member.clients.Clients;

/**
 * The standard face of the token issuer: OpenID discovery, the JWKS and the OAuth 2.0 token
 * endpoint, so that a city's own identity provider can replace it by configuration alone.
 */
@RestController
@Tag(name = "Token issuer", description = "OpenID Connect discovery, signing keys and the OAuth 2.0 token endpoint")
@RequiredArgsConstructor
class IssuerController {

    private final SignInProperties properties;
    private final TokenProperties tokens;
    private final SigningKeys keys;
    private final SignIn signIn;
    private final Clients clients;
    private final ClientAddresses clientAddresses;

    @GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "OpenID provider metadata", description = "What resource servers read to find the signing keys.")
    @ApiResponse(responseCode = "200", description = "The issuer's metadata", content = @Content(examples = @ExampleObject(value = """
            {"issuer": "http://localhost:8080", "jwks_uri": "http://localhost:8080/oauth2/jwks",
             "token_endpoint": "http://localhost:8080/oauth2/token",
             "grant_types_supported": ["client_credentials", "refresh_token", "password"],
             "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
             "response_types_supported": ["token"], "subject_types_supported": ["public"],
             "id_token_signing_alg_values_supported": ["RS256"],
             "claims_supported": ["iss", "sub", "exp", "iat", "nbf", "jti", "roles", "grid", "compound", "building", "client_id"]}""")))
    Map<String, Object> discovery() {
        String issuer = tokens.issuerString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("jwks_uri", issuer + "/oauth2/jwks");
        metadata.put("token_endpoint", issuer + "/oauth2/token");
        metadata.put("grant_types_supported", List.of("client_credentials", "refresh_token", "password"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        metadata.put("response_types_supported", List.of("token"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("claims_supported", List.of("iss", "sub", "exp", "iat", "nbf", "jti", "roles", "grid", "compound", "building", "client_id"));
        return metadata;
    }

    @GetMapping(path = "/oauth2/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The public signing keys (JWKS)", description = "The current key and recently retired ones whose tokens may still be valid.")
    @ApiResponse(responseCode = "200", description = "A JWK Set", content = @Content(examples = @ExampleObject(value = """
            {"keys": [{"kty": "RSA", "e": "AQAB", "use": "sig", "kid": "2026-11-28T11:00:00Z", "alg": "RS256",
                       "n": "xGOr-H7A-PWgPCuY6V5uG2K…"}]}""")))
    Mono<ResponseEntity<Map<String, Object>>> jwks() {
        return keys.published()
                .map(published -> ResponseEntity.ok()
                        .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                        .body(new JWKSet(published.stream().map(JWK.class::cast).toList()).toJSONObject(true)));
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get tokens (OAuth 2.0)", description = """
            grant_type=client_credentials: a municipal system, authenticated with HTTP Basic or \
            client_id/client_secret in the form. grant_type=refresh_token: trade a refresh token for new \
            tokens; each refresh token is good once, and presenting a used one revokes that sign-in. \
            grant_type=password: a member's username and password, only for the public client the \
            gateway's Swagger UI uses (client_id swagger-ui, no secret); the same lockout as sign-in applies.""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(implementation = TokenForm.class)))
    @ApiResponse(responseCode = "200", description = "Tokens", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "invalid_request, unsupported_grant_type, unauthorized_client, "
            + "invalid_grant (a used or unknown refresh token), or a wrong username or password")
    @ApiResponse(responseCode = "401", description = "invalid_client: unknown client or wrong secret")
    @ApiResponse(responseCode = "429", description = "Locked after too many failed sign-ins; see Retry-After")
    Mono<ResponseEntity<TokenResponse>> token(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> switch (String.valueOf(form.getFirst("grant_type"))) {
            case "client_credentials" -> clientCredentials(exchange.getRequest().getHeaders(), form);
            case "password" -> password(exchange.getRequest(), form);
            case "refresh_token" -> {
                String token = form.getFirst("refresh_token");
                yield token == null || token.isBlank()
                        ? Mono.error(badRequest("invalid_request", "refresh_token is required."))
                        : signIn.refresh(token);
            }
            default -> Mono.error(badRequest("unsupported_grant_type",
                    "grant_type must be client_credentials, refresh_token or password."));
        }).map(tokens -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens));
    }

    private Mono<TokenResponse> clientCredentials(HttpHeaders headers, MultiValueMap<String, String> form) {
        return ClientCredentials.of(headers, form).flatMap(client -> {
            if (client.secret() == null || client.secret().isEmpty()) {
                return Mono.error(badRequest("invalid_client", "Client credentials are required."));
            }
            return clients.authenticate(client.id(), client.secret()).flatMap(roles -> signIn.forClient(client.id(), roles));
        });
    }

    private Mono<TokenResponse> password(ServerHttpRequest request, MultiValueMap<String, String> form) {
        return ClientCredentials.of(request.getHeaders(), form).flatMap(client -> {
            if (!properties.passwordGrantClients().contains(client.id())) {
                return Mono.error(badRequest("unauthorized_client", "This client may not use the password grant."));
            }
            String username = form.getFirst("username");
            String password = form.getFirst("password");
            if (username == null || username.isBlank() || password == null || password.isEmpty()) {
                return Mono.error(badRequest("invalid_request", "username and password are required."));
            }
            return signIn.withPassword(username, password, clientAddresses.of(request));
        });
    }

    /** The client a token request names: HTTP Basic first, else client_id/client_secret in the form. */
    private record ClientCredentials(String id, String secret) {

        static Mono<ClientCredentials> of(HttpHeaders headers, MultiValueMap<String, String> form) {
            String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    if (colon > 0) {
                        return Mono.just(new ClientCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
                    }
                }
                catch (IllegalArgumentException e) {
                    return Mono.error(badRequest("invalid_request", "The Basic credentials are not base64."));
                }
            }
            String id = form.getFirst("client_id");
            if (id == null || id.isBlank()) {
                return Mono.error(badRequest("invalid_client", "Client credentials are required."));
            }
            return Mono.just(new ClientCredentials(id, form.getFirst("client_secret")));
        }
    }

    /** The form {@code /oauth2/token} reads (RFC 6749); which fields count depends on grant_type. */
    record TokenForm(
            @Schema(example = "password", allowableValues = { "client_credentials", "refresh_token", "password" },
                    requiredMode = Schema.RequiredMode.REQUIRED) String grant_type,
            @Schema(example = "swagger-ui", description = "Or HTTP Basic") String client_id,
            @Schema(example = "s3cr3t-Qm9uZ0x5UmFuZG9t", description = "client_credentials only; or HTTP Basic") String client_secret,
            @Schema(example = "admin", description = "password grant only") String username,
            @Schema(example = "correct-horse-battery-staple", description = "password grant only") String password,
            @Schema(example = "rt_5Jm2x9QeLrT0aVb3", description = "refresh_token grant only") String refresh_token) {
    }

    private static DomainException badRequest(String error, String detail) {
        return DomainException.invalid(error.replace('_', '-'), detail, Map.of("error", error));
    }
}
