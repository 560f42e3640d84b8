package community.dispatch.kit.streams;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live streams (Server-Sent Events) fed from a service's own events ({@code dispatch.streams.*}).
 *
 * @param topics the topics every instance reads in full for its streams; none: no live streams
 * @param heartbeat how often an idle stream sends a comment line, so mobile networks and proxies keep it open
 * @param reconnectDelay the {@code retry:} a stream announces: how long a client waits before reconnecting
 * @param replayLimit at most this many missed events are replayed on a resume; more, and the client is told
 *        to read the state afresh ({@code reset})
 * @param resumeOverlap on a resume, events recorded this long before the last one seen are sent again as
 *        well: a transaction that committed late may have recorded its event earlier than the last one
 *        seen. A client skips ids it has seen.
 * @param buffer events one stream may hold unsent; a client that falls further behind is disconnected and
 *        resumes from its last id
 * @param perCaller streams one caller (the token's subject) may hold open on one instance; more are refused with
 *        429 {@code too-many-streams} (a phone that reconnects before its old stream is seen gone retries then)
 * @param perInstance streams one instance holds open in all, whoever calls
 */
@ConfigurationProperties("dispatch.streams")
public record StreamProperties(
        @DefaultValue List<String> topics,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("5s") Duration reconnectDelay,
        @DefaultValue("500") int replayLimit,
        @DefaultValue("5s") Duration resumeOverlap,
        @DefaultValue("1000") int buffer,
        @DefaultValue("3") int perCaller,
        @DefaultValue("2000") int perInstance) {
}
