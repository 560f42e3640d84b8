package community.dispatch.volunteer.teams;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a caller may do with teams and their volunteers: staff anything; a team leader only within the
 * teams they lead — never by being a member of a team, and never for themselves; anyone else nothing
 * beyond their own profile.
 *
 * @param self the caller's member id (null for a machine client)
 * @param staff whether the caller is staff or an admin
 * @param led the teams the caller leads
 */
public record TeamScope(UUID self, boolean staff, Set<String> led) {

    public TeamScope {
        led = Set.copyOf(led);
    }

    /** Whether the caller may see and manage a team's board, hours and volunteers. */
    public boolean covers(String team) {
        return staff || led.contains(team);
    }

    /** Whether any of these teams is the caller's to see (a rule that names one of them, its preview). */
    public boolean coversAnyOf(List<String> teams) {
        return staff || teams.stream().anyMatch(led::contains);
    }

    /** Whether the caller may manage a volunteer in these teams (profile, hours, orders): one of them is theirs. */
    public boolean coversVolunteerIn(List<String> teams) {
        return staff || teams.stream().anyMatch(led::contains);
    }

    /**
     * Whether the caller may move a volunteer from {@code current} teams to {@code wanted} ones: staff anyone; a leader
     * in and out of the teams they lead only, never themself, and takes into their teams only a volunteer of no other
     * team (not another team's member, nor its leader: whose hours the leader could then certify) — staff move those.
     */
    public boolean mayPlace(UUID volunteer, List<String> current, List<String> wanted) {
        if (staff) {
            return true;
        }
        if (volunteer.equals(self)) {
            return false;
        }
        Set<String> changed = new HashSet<>(current);
        changed.addAll(wanted);
        changed.removeIf(team -> current.contains(team) && wanted.contains(team));
        boolean joinsALedTeam = wanted.stream().anyMatch(team -> !current.contains(team));
        boolean inAnotherTeam = current.stream().anyMatch(team -> !led.contains(team));
        return !changed.isEmpty() && led.containsAll(changed) && !(joinsALedTeam && inAnotherTeam);
    }

    /**
     * Whether the caller may give a volunteer an order of a category by hand: staff to anyone but themself, a
     * leader through one of the teams they lead, never to themself.
     */
    public boolean mayAssign(UUID volunteer, List<String> volunteerTeams, String category, List<Team> teams) {
        if (volunteer.equals(self)) {
            return false;
        }
        if (staff) {
            return true;
        }
        return teams.stream()
                .anyMatch(team -> led.contains(team.key()) && volunteerTeams.contains(team.key())
                        && team.categories().contains(category));
    }
}
