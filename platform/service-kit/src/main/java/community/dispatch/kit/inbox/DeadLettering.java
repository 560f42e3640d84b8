package community.dispatch.kit.inbox;

import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.FixedBackOff;

import community.dispatch.events.MalformedEventException;
import community.dispatch.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What becomes of a record its consumer could not handle: it is retried a bounded number of times, then written to
 * {@code <topic>-dlt}; a record that is not a CloudEvent goes there at once. The partition never stalls. Each failed
 * attempt counts in {@code dispatch.inbox.failures}, each record dead-lettered in {@code dispatch.inbox.dead.letters}.
 */
public final class DeadLettering {

    private DeadLettering() {
    }

    public static CommonErrorHandler errorHandler(KafkaTemplate<String, byte[]> kafkaTemplate, InboxProperties inbox,
            MeterRegistry registry) {
        Function<String, Counter> deadLettered = topic -> Counter.builder("dispatch.inbox.dead.letters")
                .description("Records written to the topic's dead-letter topic").tag("topic", topic).register(registry);
        Function<String, Counter> failed = topic -> Counter.builder("dispatch.inbox.failures")
                .description("Failed attempts to handle a record; each is retried until the bound, then dead-lettered")
                .tag("topic", topic).register(registry);
        for (String topic : Topics.ALL) { // every series exists at zero from the start, for the alerts
            deadLettered.apply(topic);
            failed.apply(topic);
        }
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, error) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, error) -> {
            deadLetters.accept(record, asFromARecordListener(error));
            deadLettered.apply(record.topic()).increment();
        }, new FixedBackOff(inbox.retryInterval().toMillis(), inbox.retries()));
        handler.addNotRetryableExceptions(MalformedEventException.class);
        handler.setRetryListeners((record, error, attempt) -> failed.apply(record.topic()).increment());
        return handler;
    }

    /**
     * A batch listener names its failing record in a {@link BatchListenerFailedException}: the dead letter's headers
     * say what a record listener's would (the listener's failure, caused by what went wrong), not that wrapper.
     */
    static Exception asFromARecordListener(Exception error) {
        Throwable cause = error;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof BatchListenerFailedException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause == error ? error : new ListenerExecutionFailedException(error.getMessage(), cause);
    }
}
