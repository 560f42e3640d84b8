package community.dispatch.member.messages;

import java.time.Clock;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * Keeps outbound messages instead of sending them, like a mail catcher, so sign-in with a code and notifications can
 * be tried without an SMS or push provider: text messages where {@code DISPATCH_SMS_SANDBOX=true}, push notifications
 * where {@code DISPATCH_PUSH_SANDBOX=true} (the single-node stack sets both). Admins read them through the API for an
 * hour ({@link SandboxProperties}).
 */
@Service
@RequiredArgsConstructor
public class MessageSandbox {

    private final SandboxStore store;
    private final SandboxProperties properties;
    private final Clock clock;

    /** Whether text messages are kept here rather than sent. */
    public boolean keepsTexts() {
        return properties.texts();
    }

    /** Whether push notifications are kept here rather than sent. */
    public boolean keepsPushes() {
        return properties.pushes();
    }

    Mono<Void> keepText(String phone, String text) {
        return store.keep(SandboxStore.SMS, phone, null, text, clock.instant());
    }

    Mono<Void> keepPush(String device, String title, String text) {
        return store.keep(SandboxStore.PUSH, device, title, text, clock.instant());
    }

    /** The newest text messages first, optionally to one phone. */
    public Flux<SandboxText> texts(String phone, int limit) {
        return store.newest(SandboxStore.SMS, phone, limit, SandboxStore::text);
    }

    /** The newest push notifications first, optionally to one device. */
    public Flux<SandboxPush> pushes(String device, int limit) {
        return store.newest(SandboxStore.PUSH, device, limit, SandboxStore::push);
    }
}
