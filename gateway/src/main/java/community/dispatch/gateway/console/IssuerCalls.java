package community.dispatch.gateway.console;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import community.dispatch.web.problem.Problems;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What the console's sessions need of the issuer (member-service, through the gateway's load balancer):
 * renewing an access token with the refresh token, and revoking the refresh token at sign-out. A refresh
 * token is good once and reuse revokes its whole sign-in, so the calls a page makes at once with the same
 * ended token share one renewal.
 */
class IssuerCalls {

    /** A token that ends within this is renewed before it is relayed, so it does not end in a service's hands. */
    static final Duration RENEW_AHEAD = Duration.ofSeconds(30);

    private final WebClient issuer;
    private final Clock clock;
    private final Cache<String, Mono<ConsoleSession>> renewals = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();

    IssuerCalls(ReactorLoadBalancerExchangeFilterFunction loadBalancer, Clock clock) {
        this.issuer = WebClient.builder().baseUrl("http://member-service").filter(loadBalancer).build();
        this.clock = clock;
    }

    /** The session, renewed first if its access token ends soon; empty when the issuer refused the refresh token. */
    Mono<ConsoleSession> current(ConsoleSession session) {
        if (!session.endsBefore(clock.instant().plus(RENEW_AHEAD))) {
            return Mono.just(session);
        }
        return renewals.get(session.refreshToken(), this::renew);
    }

    private Mono<ConsoleSession> renew(String refreshToken) {
        return issuer.post().uri("/oauth2/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "refresh_token").with("refresh_token", refreshToken))
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(this::sessionOf)
                .onErrorResume(WebClientResponseException.BadRequest.class, refused -> Mono.empty())
                // A failure to reach the issuer is not remembered: the next call tries again.
                .doOnError(failure -> renewals.invalidate(refreshToken))
                .onErrorMap(failure -> Problems.error(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                        "The sign-in could not be renewed just now; try again in a moment."))
                .cache();
    }

    /** Revokes the sign-in's refresh token; the cookie goes whatever the issuer answers. */
    Mono<Void> signOut(ConsoleSession session) {
        return issuer.post().uri("/api/v1/auth/logout")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + session.accessToken())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", session.refreshToken()))
                .retrieve()
                .toBodilessEntity()
                .then()
                .onErrorResume(WebClientResponseException.class, refused -> Mono.empty());
    }

    /** A session from the issuer's token response (RFC 6749 §5.1). */
    ConsoleSession sessionOf(JsonNode tokens) {
        return new ConsoleSession(tokens.path("access_token").asString(), tokens.path("refresh_token").asString(),
                clock.instant().plusSeconds(tokens.path("expires_in").asLong()));
    }
}
