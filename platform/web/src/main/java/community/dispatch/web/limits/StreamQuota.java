package community.dispatch.web.limits;

import java.util.HashMap;
import java.util.Map;

/**
 * How many live streams one process holds open, per caller and in all, and whether one more may open: the
 * gateway's {@code OpenStreams} filter and the services' event streams count with it. Every stream
 * {@link #open opened} must be {@link #close closed} once, however it ends.
 */
public final class StreamQuota {

    private final int perCaller;
    private final int perInstance;
    private final Map<String, Integer> openByCaller = new HashMap<>();
    private int openInAll;

    public StreamQuota(int perCaller, int perInstance) {
        this.perCaller = perCaller;
        this.perInstance = perInstance;
    }

    public int perCaller() {
        return perCaller;
    }

    /** Counts one more stream of the caller's and answers true, or answers false when that would be too many. */
    public synchronized boolean open(String caller) {
        int mine = openByCaller.getOrDefault(caller, 0);
        if (mine >= perCaller || openInAll >= perInstance) {
            return false;
        }
        openByCaller.put(caller, mine + 1);
        openInAll++;
        return true;
    }

    public synchronized void close(String caller) {
        openByCaller.computeIfPresent(caller, (who, open) -> open > 1 ? open - 1 : null);
        openInAll--;
    }
}
