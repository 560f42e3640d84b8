package community.dispatch.member.messages;

import reactor.core.publisher.Mono;

/**
 * Sends a push notification to a registered device. In mainland China phones are reached through their
 * vendors' push services or an aggregator, never FCM alone; the provider's client implements this. The
 * single-node stack's implementation is the {@link MessageSandbox}; without any, push is not a channel and
 * notifications go by the person's next one.
 */
public interface PushSender {

    Mono<Void> push(String device, String title, String text);
}
