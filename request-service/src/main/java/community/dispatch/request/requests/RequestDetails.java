package community.dispatch.request.requests;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the requester said, beyond what the lifecycle needs: kept as one JSON document.
 *
 * @param anonymous hide the requester's name from volunteers
 */
public record RequestDetails(
        String description,
        Map<String, Object> attributes,
        Location location,
        TimeWindow preferredWindow,
        List<String> mediaUrls,
        ContactPreference contactPreference,
        boolean anonymous) {

    public record Location(String compoundCode, String buildingCode, String unitCode, Double latitude, Double longitude,
            String address) {
    }

    public record TimeWindow(OffsetDateTime from, OffsetDateTime to) {
    }

    public enum ContactPreference {
        PHONE, APP, VISIT
    }
}
