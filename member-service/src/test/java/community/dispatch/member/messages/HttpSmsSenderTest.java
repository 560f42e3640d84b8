package community.dispatch.member.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

class HttpSmsSenderTest {

    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(202);
    private DisposableServer provider;

    @AfterEach
    void stop() {
        provider.disposeNow();
    }

    @Test
    void postsTheMessageToTheProviderWithItsToken() {
        HttpSmsSender sender = senderTo(startProvider(), "provider-token");

        sender.send("13800001234", "您的驗證碼 123456").block(Duration.ofSeconds(5));

        assertThat(authorization.get()).isEqualTo("Bearer provider-token");
        assertThat(body.get()).contains("\"to\":\"13800001234\"").contains("\"text\":\"您的驗證碼 123456\"");
    }

    @Test
    void aProviderFailureIsSwallowedSoTheAnswerStaysTheSame() {
        status.set(503);
        HttpSmsSender sender = senderTo(startProvider(), null);

        sender.send("13800001234", "code").block(Duration.ofSeconds(5));

        assertThat(authorization.get()).isNull();
        assertThat(body.get()).contains("13800001234");
    }

    private URI startProvider() {
        provider = HttpServer.create().host("localhost").port(0)
                .handle((request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8)
                        .doOnNext(body::set)
                        .then(Mono.defer(() -> {
                            authorization.set(request.requestHeaders().get("Authorization"));
                            return response.status(status.get()).send();
                        })))
                .bindNow();
        return URI.create("http://localhost:" + provider.port() + "/sms");
    }

    private static HttpSmsSender senderTo(URI url, String token) {
        return new HttpSmsSender(WebClient.builder(), new SmsProperties(url, token,
                Duration.ofSeconds(3)));
    }
}
