package community.dispatch.volunteer.teams;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * In the single-node stack's demo community, member-service registers eight volunteers per team;
 * this puts each of them in their team when their profile is created. The demo people have
 * deterministic ids (member-service's DemoCommunity numbers them: volunteers are 38 to 85, eight per
 * team in the order angel, weaver, dawn, red-steward, baoliang, lebei; the first of each is its leader),
 * which is the only thing the two services share here — and only with {@code dispatch.demo-data.enabled}.
 */
@Component
@EnableConfigurationProperties(DemoProperties.class)
class DemoTeams {

    private static final List<String> TEAMS = List.of("angel", "weaver", "dawn", "red-steward", "baoliang", "lebei");
    private static final int FIRST_VOLUNTEER = 38;

    private final VolunteerStore volunteers;
    private final Map<UUID, String> teamOfDemoVolunteer = new HashMap<>();
    private final Set<UUID> leaders = new HashSet<>();
    private final boolean enabled;

    DemoTeams(VolunteerStore volunteers, DemoProperties demo) {
        this.volunteers = volunteers;
        this.enabled = demo.enabled();
        for (int i = 0; i < TEAMS.size() * 8; i++) {
            int number = FIRST_VOLUNTEER + i;
            UUID member = UUID.nameUUIDFromBytes(("community-dispatch demo member " + number).getBytes(StandardCharsets.UTF_8));
            teamOfDemoVolunteer.put(member, TEAMS.get(i / 8));
            if (i % 8 == 0) {
                // member-service makes the first of each team's eight a TEAM_LEADER.
                leaders.add(member);
            }
        }
    }

    /** The skill each demo team's volunteers bring, at level 3. */
    private static final Map<String, String> TEAM_SKILL = Map.of("angel", "nursing", "weaver", "sewing",
            "red-steward", "electrical-repair", "baoliang", "river-rescue", "lebei", "childcare");

    Mono<Void> placeIfDemo(UUID memberId) {
        String team = enabled ? teamOfDemoVolunteer.get(memberId) : null;
        if (team == null) {
            return Mono.empty();
        }
        Map<String, Integer> skills = TEAM_SKILL.containsKey(team) ? Map.of(TEAM_SKILL.get(team), 3) : Map.of();
        return volunteers.assignTeams(memberId, List.of(team)).then(volunteers.setSkills(memberId, skills))
                .then(leaders.contains(memberId) ? volunteers.appointLeader(team, memberId) : Mono.empty());
    }
}
