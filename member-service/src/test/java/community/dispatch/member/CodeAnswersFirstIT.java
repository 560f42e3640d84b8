package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;

import community.dispatch.member.messages.SmsSender;
import community.dispatch.testing.FromTheGateway;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Asking for a code is answered before any text message is sent, for a member as for a stranger: the answer (and
 * how long it takes) does not depend on whether the phone belongs to anyone. Here the SMS provider holds every
 * message until the test lets it go, so an answer that waited for the text would never come.
 */
@MemberServiceTest
@Import(CodeAnswersFirstIT.HeldTexts.class)
class CodeAnswersFirstIT extends MemberServiceTestSupport {

    @Test
    void theAnswerComesFirstAndOnlyAMemberIsTextedAfterwards() {
        String member = Accounts.newPhone();
        accounts.register("居民 Resident", member, "RESIDENT");
        String stranger = Accounts.newPhone();

        for (String phone : List.of(member, stranger)) {
            web.post().uri("/api/v1/auth/codes").contentType(MediaType.APPLICATION_JSON).headers(FromTheGateway.client(Accounts.newAddress()))
                    .bodyValue(Map.of("phone", phone)).exchange()
                    .expectStatus().isAccepted();
        }
        assertThat(HeldTexts.SENT).as("nothing sent while the provider holds its messages").isEmpty();

        HeldTexts.RELEASE.tryEmitEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> HeldTexts.SENT.contains(member));
        assertThat(HeldTexts.SENT).containsExactly(member);
    }

    /** An SMS provider that sends nothing until the test releases it, and remembers whom it texted. */
    @TestConfiguration
    static class HeldTexts {

        static final Sinks.Empty<Void> RELEASE = Sinks.empty();
        static final List<String> SENT = new CopyOnWriteArrayList<>();

        @Bean
        @Primary
        SmsSender heldSmsSender() {
            return (phone, text) -> RELEASE.asMono().then(Mono.fromRunnable(() -> SENT.add(phone)));
        }
    }
}
