package community.dispatch.kit.streams;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.EventCodec;
import community.dispatch.kit.inbox.EventInbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Every event of the stream topics as this instance reads it, for its open streams. Each instance reads
 * the topics in full in a consumer group of its own, so any instance can serve any stream whichever
 * instance recorded the event. Nothing is acted on here: a record that cannot be read is skipped (the
 * services' own consumers dead-letter it).
 */
public class LiveEvents {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final Sinks.Many<CloudEvent> sink = Sinks.many().multicast().directBestEffort();
    private final EventCodec codec;
    private final AtomicBoolean listening = new AtomicBoolean();

    public LiveEvents(EventCodec codec) {
        this.codec = codec;
    }

    /**
     * The events from now on. Each subscriber takes them as fast as they come (a stream buffers what its
     * client has not taken yet), so nobody misses one because another is slow.
     */
    public Flux<CloudEvent> events() {
        return sink.asFlux();
    }

    /** Whether this instance has joined the topics' partitions, so events recorded from now on reach its streams. */
    public boolean listening() {
        return listening.get();
    }

    void listening(boolean now) {
        listening.set(now);
    }

    /** From the instance's own consumer; synchronised, since the sink takes one event at a time. */
    synchronized void received(ConsumerRecord<String, byte[]> record) {
        if (sink.currentSubscriberCount() == 0) {
            return; // no stream open here: nothing to decode it for
        }
        CloudEvent event;
        try {
            event = codec.read(EventInbox.headers(record), record.value());
        }
        catch (RuntimeException unreadable) {
            log.debug("Skipping an unreadable record at {}-{}@{} for live streams", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        sink.tryEmitNext(event);
    }
}
