package community.dispatch.volunteer.teams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.kit.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * The teams and their volunteers' profiles, and who may do what with them ({@link TeamScope}): admins
 * change teams; staff appoint leaders and place volunteers; a team leader acts within the teams they lead;
 * a volunteer keeps their own profile. Other features ask here what a caller may do for a volunteer.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class Volunteers {

    public static final String TEAM_LEADER = "TEAM_LEADER";

    private static final String TEAMS_CHANGED = "volunteer.teams-changed";
    private static final String LEADER_APPOINTED = "team.leader-appointed";
    private static final String LEADER_DISMISSED = "team.leader-dismissed";
    private static final String TEAM_CHANGED = "team.changed";
    private static final String PROFILE_SET = "volunteer.profile-set";

    private final VolunteerStore store;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;

    public Flux<Team> teams() {
        return store.teams();
    }

    /** Replaces a team's names, description, station and categories (admins). */
    Mono<Team> changeTeam(Team team, Caller caller) {
        if (!caller.hasRole(Caller.ADMIN)) {
            return audit.refused(caller, TEAM_CHANGED, team.key(), null, Map.of("categories", team.categories()),
                    DomainException.forbidden("Only admins change teams."));
        }
        return transactions.transactional(store.changeTeam(team)
                        .flatMap(found -> found ? audit.done(caller, TEAM_CHANGED, team.key(), null,
                                Map.of("categories", team.categories())).thenReturn(true) : Mono.just(false)))
                .flatMap(found -> found ? store.teams().filter(changed -> changed.key().equals(team.key())).next()
                        : Mono.error(DomainException.notFound("team-not-found", "There is no team " + team.key() + ".")));
    }

    /** The volunteer's profile, if they have one. */
    public Mono<VolunteerProfile> profile(UUID memberId) {
        return store.profile(memberId);
    }

    /** What the caller may do with teams: staff anything, a team leader the teams they lead. */
    public Mono<TeamScope> scopeOf(Caller caller) {
        UUID self = memberIdOf(caller);
        if (caller.isStaff() || self == null || !caller.hasRole(TEAM_LEADER)) {
            return Mono.just(new TeamScope(self, caller.isStaff(), Set.of()));
        }
        return store.ledBy(self).collect(Collectors.toSet()).map(led -> new TeamScope(self, false, led));
    }

    /**
     * The caller's scope when they oversee the team — staff, or one of its leaders — for seeing its {@code what} (its
     * orders, its board); 403 for anyone else.
     */
    public Mono<TeamScope> overseeing(String team, Caller caller, String what) {
        return scopeOf(caller).filter(scope -> scope.covers(team)).switchIfEmpty(Mono.error(() ->
                DomainException.forbidden("Only the team's leaders and staff see its " + what + ".")));
    }

    /**
     * Puts a volunteer in teams; every team must exist. Staff place anyone; a team leader adds to and takes
     * from the teams they lead only, and never moves themself.
     */
    Mono<VolunteerProfile> placeInTeams(UUID memberId, List<String> teams, Caller caller) {
        return Mono.zip(scopeOf(caller), store.profile(memberId).switchIfEmpty(Mono.error(() -> notFound(memberId))),
                        store.teams().map(Team::key).collectList())
                .flatMap(found -> {
                    List<String> unknown = teams.stream().filter(team -> !found.getT3().contains(team)).toList();
                    if (!unknown.isEmpty()) {
                        return Mono.error(DomainException.invalid("unknown-team", "No such team: " + unknown));
                    }
                    Map<String, Object> before = Map.of("teams", found.getT2().teams());
                    Map<String, Object> after = Map.of("teams", teams);
                    if (!found.getT1().mayPlace(memberId, found.getT2().teams(), teams)) {
                        return audit.refused(caller, TEAMS_CHANGED, memberId.toString(), before, after, DomainException.forbidden(
                                "Staff place volunteers; a team leader only in and out of the teams they lead, and not themself."));
                    }
                    return transactions.transactional(store.assignTeams(memberId, teams)
                            .flatMap(placed -> audit.done(caller, TEAMS_CHANGED, memberId.toString(), before, after)
                                    .thenReturn(placed)));
                })
                .then(Mono.defer(() -> store.profile(memberId)));
    }

    /**
     * Sets what a volunteer's leaders and staff decide — skills (the gate of rules such as nursing for free clinics),
     * grid and how many orders at once — never the volunteer themself; audited.
     */
    Mono<VolunteerProfile> setProfile(UUID memberId, Map<String, Integer> skills, String gridCode, int maxConcurrent,
            Caller caller) {
        Map<String, Object> after = Map.of("skills", skills, "gridCode", String.valueOf(gridCode), "maxConcurrent", maxConcurrent);
        if (caller.is(memberId) && !caller.isStaff()) {
            return audit.refused(caller, PROFILE_SET, memberId.toString(), null, after, DomainException.forbidden(
                    "A volunteer's skills, grid and load are set by their team leaders or staff; you keep your availability."));
        }
        return mayManage(caller, memberId, false)
                .flatMap(allowed -> allowed ? store.profile(memberId) : Mono.empty())
                .switchIfEmpty(Mono.error(() -> notFound(memberId)))
                .flatMap(before -> transactions.transactional(store.setProfile(memberId, skills, gridCode, maxConcurrent)
                        .then(audit.done(caller, PROFILE_SET, memberId.toString(), Map.of("skills", before.skills(),
                                "gridCode", String.valueOf(before.gridCode()), "maxConcurrent", before.maxConcurrent()), after))))
                .then(Mono.defer(() -> store.profile(memberId)));
    }

    /** Sets when a volunteer is free and on leave: the volunteer, a leader of one of their teams, or staff. */
    Mono<VolunteerProfile> setAvailability(UUID memberId, Availability availability, Caller caller) {
        return mayManage(caller, memberId, true)
                .flatMap(allowed -> allowed ? store.setAvailability(memberId, availability) : Mono.just(false))
                .flatMap(found -> found ? store.profile(memberId) : Mono.error(notFound(memberId)));
    }

    /**
     * Whether the caller may act for the volunteer (read or certify their hours, keep their profile): staff,
     * a leader of one of the volunteer's teams, and — when {@code selfToo} — the volunteer.
     */
    public Mono<Boolean> mayManage(Caller caller, UUID volunteer, boolean selfToo) {
        if (caller.isStaff() || (selfToo && caller.is(volunteer))) {
            return Mono.just(true);
        }
        if (caller.is(volunteer)) {
            return Mono.just(false);
        }
        return scopeOf(caller).zipWith(store.profile(volunteer).map(VolunteerProfile::teams).defaultIfEmpty(List.of()))
                .map(both -> both.getT1().coversVolunteerIn(both.getT2()));
    }

    /** Whether the caller may give the volunteer a request of the category by hand. */
    public Mono<Boolean> mayAssign(Caller caller, UUID volunteer, String category) {
        return Mono.zip(scopeOf(caller), store.profile(volunteer).map(VolunteerProfile::teams).defaultIfEmpty(List.of()),
                        store.teams().collectList())
                .map(found -> found.getT1().mayAssign(volunteer, found.getT2(), category, found.getT3()));
    }

    /** Staff appoint a volunteer of the team as one of its leaders. */
    Mono<List<UUID>> appointLeader(String team, UUID memberId, Caller caller) {
        if (!caller.isStaff()) {
            return audit.refused(caller, LEADER_APPOINTED, memberId.toString(), null, Map.of("team", team),
                    DomainException.forbidden("Only staff appoint team leaders."));
        }
        return store.profile(memberId).filter(profile -> profile.teams().contains(team))
                .switchIfEmpty(Mono.error(() -> DomainException.invalid("not-in-team",
                        "Volunteer " + memberId + " is not in team " + team + ".")))
                .then(transactions.transactional(store.appointLeader(team, memberId)
                        .then(audit.done(caller, LEADER_APPOINTED, memberId.toString(), null, Map.of("team", team)))))
                .then(store.leadersOf(team).collectList());
    }

    /** Staff end a leader's leadership of a team. */
    Mono<List<UUID>> dismissLeader(String team, UUID memberId, Caller caller) {
        if (!caller.isStaff()) {
            return audit.refused(caller, LEADER_DISMISSED, memberId.toString(), Map.of("team", team), null,
                    DomainException.forbidden("Only staff dismiss team leaders."));
        }
        return transactions.transactional(store.dismissLeader(team, memberId)
                        .flatMap(found -> found ? audit.done(caller, LEADER_DISMISSED, memberId.toString(), Map.of("team", team),
                                null).thenReturn(true) : Mono.just(false)))
                .flatMap(found -> found ? store.leadersOf(team).collectList()
                        : Mono.error(DomainException.notFound("leader-not-found",
                                "Member " + memberId + " does not lead team " + team + ".")));
    }

    /** The members leading any of the teams, each once. */
    public Mono<List<UUID>> leadersOf(List<String> teams) {
        return Flux.fromIterable(teams).concatMap(store::leadersOf).distinct().collectList();
    }

    /** Each team the caller looks after, with its leaders: staff every team, a team leader the teams they lead. */
    Mono<Map<String, List<UUID>>> leadership(Caller caller) {
        if (!caller.isStaff() && !caller.hasRole(TEAM_LEADER)) {
            return Mono.error(DomainException.forbidden("Only staff and team leaders read the teams' leaders."));
        }
        return scopeOf(caller).flatMapMany(scope -> store.teams().map(Team::key).filter(scope::covers))
                .concatMap(team -> store.leadersOf(team).collectList().map(leaders -> Map.entry(team, leaders)))
                .collect(LinkedHashMap::new, (teams, entry) -> teams.put(entry.getKey(), entry.getValue()));
    }

    /** A resident's rating of work the volunteer did counts towards their average. */
    public Mono<Void> addRating(UUID memberId, int rating) {
        return store.addRating(memberId, rating);
    }

    private static UUID memberIdOf(Caller caller) {
        try {
            return UUID.fromString(caller.subject());
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static DomainException notFound(UUID memberId) {
        return DomainException.notFound("volunteer-not-found", "There is no volunteer " + memberId + ".");
    }
}
