package community.dispatch.volunteer.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** volunteer-service's part of a person's export (PIPL art. 45): what it holds about them. */
@Schema(description = "What volunteer-service holds about a person: their volunteering, if they volunteer")
public record Volunteering(UUID memberId,
        @Schema(description = "their volunteer profile; absent for someone who never volunteered") Profile profile,
        @Schema(example = "[\"angel\"]", description = "teams they lead") List<String> leads,
        @Schema(description = "every offer made to them, oldest first") List<Order> orders,
        @Schema(description = "honour hours staff certified for them") List<HonourEntry> honourHours) {

    @Schema(description = "Their volunteer profile as dispatch uses it")
    public record Profile(@Schema(example = "C05") String compoundCode, @Schema(example = "G03") String gridCode,
            @Schema(example = "C05/5", description = "their home building, which dispatch measures distances from") String homeBuilding,
            @Schema(example = "[\"angel\"]") List<String> teams,
            @Schema(example = "{\"first-aid\": 4}") JsonNode skills,
            @Schema(example = "{\"weekly\": [], \"leave\": []}") JsonNode availability,
            @Schema(example = "2") int maxConcurrent, boolean active) {
    }

    @Schema(description = "An offer made to them and the order it became")
    public record Order(UUID orderId, UUID requestId, @Schema(example = "angel") String teamKey,
            @Schema(example = "COMPLETED") String status, Instant offeredAt, Instant startedAt, Instant completedAt,
            @Schema(example = "1.5") Double hours, @Schema(example = "Replaced the washer") String note) {
    }

    @Schema(description = "Honour hours certified for an activity outside orders")
    public record HonourEntry(LocalDate onDate, @Schema(example = "2.0") Double hours,
            @Schema(example = "Parent-child afternoon") String activity,
            @Schema(example = "5b0c3a4e-2f1d-4c8b-9a7e-6d5f4e3c2b1a", description = "who certified them") String certifiedBy) {
    }
}
