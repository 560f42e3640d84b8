package community.dispatch.volunteer.teams;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * The teams and their volunteers' profiles, and who may change which: admins change teams; staff and
 * team leaders place volunteers in teams; a volunteer, team leaders and staff keep a profile up to date.
 * Other features ask here whether someone is in a team, or shares one with a volunteer.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class Volunteers {

    private static final String TEAM_LEADER = "TEAM_LEADER";

    private final VolunteerStore store;

    public Flux<Team> teams() {
        return store.teams();
    }

    /** Replaces a team's names, description, station and categories (admins). */
    Mono<Team> changeTeam(Team team, Caller caller) {
        if (!caller.hasRole(Caller.ADMIN)) {
            return Mono.error(DomainException.forbidden("Only admins change teams."));
        }
        return store.changeTeam(team)
                .flatMap(found -> found ? store.teams().filter(changed -> changed.key().equals(team.key())).next()
                        : Mono.error(DomainException.notFound("team-not-found", "There is no team " + team.key() + ".")));
    }

    /** The volunteer's profile, if they have one. */
    public Mono<VolunteerProfile> profile(UUID memberId) {
        return store.profile(memberId);
    }

    /** Puts a volunteer in teams (staff, team leaders); every team must exist. */
    Mono<VolunteerProfile> placeInTeams(UUID memberId, List<String> teams, Caller caller) {
        if (!caller.isStaff() && !caller.hasRole(TEAM_LEADER)) {
            return Mono.error(DomainException.forbidden("Only admins, staff and team leaders place volunteers."));
        }
        return store.teams().map(Team::key).collectList()
                .flatMap(known -> {
                    List<String> unknown = teams.stream().filter(team -> !known.contains(team)).toList();
                    return unknown.isEmpty() ? store.assignTeams(memberId, teams)
                            : Mono.error(DomainException.invalid("unknown-team", "No such team: " + unknown));
                })
                .flatMap(found -> found ? store.profile(memberId) : Mono.error(notFound(memberId)));
    }

    /** Replaces what a volunteer keeps up to date (the volunteer, team leaders, staff). */
    Mono<VolunteerProfile> updateProfile(UUID memberId, Map<String, Integer> skills, String gridCode,
            Availability availability, int maxConcurrent, Caller caller) {
        if (!caller.is(memberId) && !caller.isStaff() && !caller.hasRole(TEAM_LEADER)) {
            return Mono.error(notFound(memberId));
        }
        return store.updateProfile(memberId, skills, gridCode, availability, maxConcurrent)
                .flatMap(found -> found ? store.profile(memberId) : Mono.error(notFound(memberId)));
    }

    /** A resident's rating of work the volunteer did counts towards their average. */
    public Mono<Void> addRating(UUID memberId, int rating) {
        return store.addRating(memberId, rating);
    }

    /** Whether the member is in the team. */
    public Mono<Boolean> inTeam(UUID memberId, String team) {
        return store.inTeam(memberId, team);
    }

    /** Whether a team leader and a volunteer are in a team together. */
    public Mono<Boolean> shareATeam(UUID leader, UUID volunteer) {
        return store.shareATeam(leader, volunteer);
    }

    public static DomainException notFound(UUID memberId) {
        return DomainException.notFound("volunteer-not-found", "There is no volunteer " + memberId + ".");
    }
}
