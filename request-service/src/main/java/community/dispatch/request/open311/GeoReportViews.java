package community.dispatch.request.open311;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/** What Open311 answers, field for field as GeoReport v2 (and mySociety's updates extension) name them. */
final class GeoReportViews {

    private GeoReportViews() {
    }

    record Discovery(@Schema(example = "2026-12-03T00:00:00+08:00") String changeset,
            @Schema(example = "Community service centre, +86 551 0000 0000") String contact,
            @JsonProperty("key_service") @Schema(example = "Ask the community's administrators; they issue keys at POST /api/v1/open311/api-keys") String keyService,
            List<Endpoint> endpoints) {
    }

    record Endpoint(@Schema(example = "http://wiki.open311.org/GeoReport_v2") String specification,
            @Schema(example = "https://dispatch.example.org/open311/v2") String url,
            @Schema(example = "2026-12-03T00:00:00+08:00") String changeset,
            @Schema(example = "production") String type,
            @Schema(example = "[\"text/xml\", \"application/json\"]") List<String> formats) {
    }

    record Service(@JsonProperty("service_code") @Schema(example = "household-help") String serviceCode,
            @JsonProperty("service_name") @Schema(example = "家务帮手") String serviceName,
            @Schema(example = "Help at home: a tap, a light bulb, heavy lifting.") String description,
            @Schema(example = "true", description = "Whether the service has attributes (GET services/{service_code})") boolean metadata,
            @Schema(example = "realtime", description = "realtime: the request id is answered at once") String type,
            @Schema(example = "家务,维修,repair") String keywords,
            @Schema(example = "household") String group) {
    }

    record ServiceDefinition(@JsonProperty("service_code") @Schema(example = "free-clinic") String serviceCode,
            List<Attribute> attributes) {
    }

    record Attribute(@Schema(example = "true") boolean variable,
            @Schema(example = "home-visit") String code,
            @Schema(example = "singlevaluelist", allowableValues = { "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist" }) String datatype,
            @Schema(example = "true") boolean required,
            @JsonProperty("datatype_description") @Schema(example = "One of the values' keys") String datatypeDescription,
            @Schema(example = "1") int order,
            @Schema(example = "Needs a visit at home") String description,
            List<Value> values) {
    }

    record Value(@Schema(example = "yes") String key, @Schema(example = "是 yes") String name) {
    }

    record Created(@JsonProperty("service_request_id") @Schema(example = "0f5c3b9e-6a2d-4f1e-9b7a-3c2d1e0f9a8b") String serviceRequestId,
            @JsonProperty("service_notice") @Schema(example = "A volunteer is found within 24 h; feedback within 7 days.") String serviceNotice,
            @JsonProperty("account_id") @Schema(example = "fms-account-1207") String accountId) {
    }

    record Token(@JsonProperty("service_request_id") @Schema(example = "0f5c3b9e-6a2d-4f1e-9b7a-3c2d1e0f9a8b") String serviceRequestId,
            @Schema(example = "0f5c3b9e-6a2d-4f1e-9b7a-3c2d1e0f9a8b") String token) {
    }

    record Request(@JsonProperty("service_request_id") @Schema(example = "0f5c3b9e-6a2d-4f1e-9b7a-3c2d1e0f9a8b") String serviceRequestId,
            @Schema(example = "closed", allowableValues = { "open", "closed" }) String status,
            @JsonProperty("status_notes") @Schema(example = "Fixed the tap washer.") String statusNotes,
            @JsonProperty("service_name") @Schema(example = "家务帮手") String serviceName,
            @JsonProperty("service_code") @Schema(example = "household-help") String serviceCode,
            @Schema(example = "The kitchen tap drips.", description = "Only of requests a municipal system filed; residents' own words are not published") String description,
            @JsonProperty("agency_responsible") @Schema(example = "volunteer team red-steward") String agencyResponsible,
            @JsonProperty("service_notice") @Schema(example = "A volunteer is found within 24 h; feedback within 7 days.") String serviceNotice,
            @JsonProperty("requested_datetime") @Schema(example = "2026-12-03T09:30:00+08:00") String requestedDatetime,
            @JsonProperty("updated_datetime") @Schema(example = "2026-12-03T11:02:41+08:00") String updatedDatetime,
            @JsonProperty("expected_datetime") @Schema(example = "2026-12-10T09:30:00+08:00", description = "The feedback deadline, while open") String expectedDatetime,
            @Schema(example = "Building 5, Sandi New Village", description = "As filed (municipal), else the compound and building only") String address,
            @JsonProperty("address_id") @Schema(example = "C05/5") String addressId,
            @Schema(example = "33.9596", description = "Only of requests a municipal system filed") Double lat,
            @JsonProperty("long") @Schema(example = "116.7943") Double longitude,
            @JsonProperty("media_url") @Schema(example = "https://media.city.example/r/7f3a.jpg") String mediaUrl) {
    }

    record Update(@JsonProperty("update_id") @Schema(example = "40812") String updateId,
            @JsonProperty("service_request_id") @Schema(example = "0f5c3b9e-6a2d-4f1e-9b7a-3c2d1e0f9a8b") String serviceRequestId,
            @Schema(example = "FIXED", allowableValues = { "OPEN", "INVESTIGATING", "ACTION_SCHEDULED", "IN_PROGRESS", "FIXED", "CLOSED",
                    "DUPLICATE", "NO_FURTHER_ACTION", "NOT_COUNCILS_RESPONSIBILITY", "INTERNAL_REFERRAL" }) String status,
            @JsonProperty("updated_datetime") @Schema(example = "2026-12-03T11:02:41+08:00") String updatedDatetime,
            @Schema(example = "Fixed the tap washer.") String description,
            @JsonProperty("media_url") @Schema(example = "https://media.city.example/r/7f3a.jpg") String mediaUrl) {
    }

    record PostedUpdate(@JsonProperty("update_id") @Schema(example = "40812") String updateId) {
    }

    record Error(@Schema(example = "400") int code, @Schema(example = "service_code was not provided") String description) {
    }
}
