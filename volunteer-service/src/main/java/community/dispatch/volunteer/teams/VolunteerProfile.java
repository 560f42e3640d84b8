package community.dispatch.volunteer.teams;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** What is known of a volunteer: where they live, their teams, skills, availability, load limit and ratings. */
public record VolunteerProfile(UUID memberId, @Schema(example = "C05") String compoundCode, @Schema(example = "G03") String gridCode,
        @Schema(example = "[\"angel\"]") List<String> teams,
        @Schema(example = "{\"first-aid\": 4, \"plumbing\": 3}", description = "Skill code → level 1 (beginner) to 5 (expert)") Map<String, Integer> skills,
        @Schema(example = "{\"weekly\": [{\"day\": \"SATURDAY\", \"from\": \"08:00\", \"to\": \"12:00\"}], \"leave\": []}")
        JsonNode availability,
        @Schema(example = "2") int maxConcurrent, boolean active,
        @Schema(example = "4.8", description = "Mean of the stars residents gave; absent before the first") Double averageRating) {
}
