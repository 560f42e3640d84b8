package community.dispatch.request.requests;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the requester said, beyond what the lifecycle needs: kept as one JSON document.
 *
 * @param anonymous hide the requester's name from volunteers
 */
public record RequestDetails(
        @Schema(example = "The kitchen tap in unit 301 has dripped for two days; my mother is 82 and cannot fix it.") String description,
        @Schema(example = "{\"room\": \"kitchen\", \"elderly-at-home\": true}") Map<String, Object> attributes,
        Location location,
        TimeWindow preferredWindow,
        @Schema(example = "[\"https://media.community.example/r/7f3a.jpg\"]") List<String> mediaUrls,
        ContactPreference contactPreference,
        boolean anonymous) {

    public record Location(@Schema(example = "C05") String compoundCode, @Schema(example = "5") String buildingCode,
            @Schema(example = "301") String unitCode, @Schema(example = "33.9596", description = "Where help is wanted (WGS 84), from the phone; with longitude, within the community's area") Double latitude,
            @Schema(example = "116.7943") Double longitude,
            @Schema(example = "Building 5, unit 301, Sandi New Village") String address) {
    }

    public record TimeWindow(OffsetDateTime from, OffsetDateTime to) {
    }

    public enum ContactPreference {
        PHONE, APP, VISIT
    }
}
