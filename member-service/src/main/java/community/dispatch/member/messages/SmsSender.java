package community.dispatch.member.messages;

import reactor.core.publisher.Mono;

/** Sends a text message. The single-node stack's implementation is the {@link MessageSandbox}. */
public interface SmsSender {

    Mono<Void> send(String phone, String text);
}
