package community.dispatch.request.requests;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the requester said, beyond what the lifecycle needs: kept as one JSON document.
 *
 * @param anonymous hide the requester's name from volunteers
 * @param reporter who reported it, when a municipal system filed it for someone (Open311); staff and the
 *                 volunteers dispatched see it, Open311 reads never do
 */
public record RequestDetails(
        @Schema(example = "The kitchen tap in unit 301 has dripped for two days; my mother is 82 and cannot fix it.") String description,
        @Schema(example = "{\"room\": \"kitchen\", \"elderly-at-home\": true}") Map<String, Object> attributes,
        Location location,
        TimeWindow preferredWindow,
        @Schema(example = "[\"https://media.community.example/r/7f3a.jpg\"]") List<String> mediaUrls,
        ContactPreference contactPreference,
        boolean anonymous,
        Reporter reporter) {

    public record Location(@Schema(example = "C05") String compoundCode, @Schema(example = "5") String buildingCode,
            @Schema(example = "301") String unitCode, @Schema(example = "33.9596", description = "Where help is wanted (WGS 84), from the phone; with longitude, within the community's area") Double latitude,
            @Schema(example = "116.7943") Double longitude,
            @Schema(example = "Building 5, unit 301, Sandi New Village") String address) {
    }

    /** The person a municipal system filed a request for, as far as it said. */
    public record Reporter(@Schema(example = "Mei") String firstName, @Schema(example = "Chen") String lastName,
            @Schema(example = "mei.chen@example.org") String email, @Schema(example = "+8613800138000") String phone,
            @Schema(example = "fms-device-8841") String deviceId, @Schema(example = "fms-account-1207") String accountId) {
    }

    public record TimeWindow(OffsetDateTime from, OffsetDateTime to) {
    }

    public enum ContactPreference {
        PHONE, APP, VISIT
    }
}
