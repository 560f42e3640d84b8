package community.dispatch.member.messages;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Mono;

/**
 * Sends text messages through an SMS provider's HTTP API: {@code POST <url>} with
 * {@code {"to": phone, "text": text}} and {@code Authorization: Bearer <token>}; any 2xx is success. The
 * adapter for a provider (an aggregator's gateway, a city's messaging platform) is this request's shape.
 * A failed send is logged (never with the phone number) and the caller answers as always, so the code
 * endpoint still tells nobody who is a member.
 */
public class HttpSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(HttpSmsSender.class);

    private final WebClient client;
    private final SmsProperties properties;

    public HttpSmsSender(WebClient.Builder builder, SmsProperties properties) {
        this.client = builder.build();
        this.properties = properties;
    }

    @Override
    public Mono<Void> send(String phone, String text) {
        return client.post().uri(properties.url()).contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (properties.token() != null && !properties.token().isBlank()) {
                        headers.setBearerAuth(properties.token());
                    }
                })
                .bodyValue(Map.of("to", phone, "text", text))
                .retrieve().toBodilessEntity()
                .timeout(properties.timeout())
                .doOnEach(Logged.onError(error -> log.warn("The SMS provider did not take a message: {}", error.toString())))
                .onErrorResume(error -> Mono.empty())
                .then();
    }
}
