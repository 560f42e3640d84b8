package community.dispatch.member.tokens;

import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The OAuth 2.0 token response (RFC 6749 §5.1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @Schema(example = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiI3Y2JiZDVhNSJ9.c2lnbmF0dXJl") @JsonProperty("access_token") String accessToken,
        @Schema(example = "Bearer") @JsonProperty("token_type") String tokenType,
        @Schema(example = "600", description = "Seconds the access token is valid") @JsonProperty("expires_in") long expiresIn,
        @Schema(example = "rt_5Jm2x9QeLrT0aVb3", description = "Good once; absent for machine clients") @JsonProperty("refresh_token") String refreshToken) {
}
