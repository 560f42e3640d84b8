package community.dispatch.volunteer.dispatching;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import community.dispatch.kit.time.CommunityProperties;
import community.dispatch.volunteer.dispatching.DispatchStore.Dispatch;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import community.dispatch.volunteer.teams.Availability;
import reactor.core.publisher.Mono;

/**
 * Ranks who could take a request now — eligible, available in the community's zone at this moment (or, for
 * a request with a preferred window, at some moment of that window), not yet tried, and neither the requester
 * nor who entered it on their behalf — with {@link Scoring}; and previews that ranking for administrators. A decision
 * reads only everyone's load ({@link #lookAt}); the profiles, places and rules it ranks by are in {@link DispatchMemory}.
 */
@Component
@EnableConfigurationProperties(ScoringWeights.class)
public class Candidates {

    private final CandidateStore store;
    private final DispatchMemory memory;
    private final DispatchStore dispatches;
    private final Scoring.Weights weights;
    private final CommunityProperties community;
    private final Clock clock;

    Candidates(CandidateStore store, DispatchMemory memory, DispatchStore dispatches, ScoringWeights weights,
            CommunityProperties community, Clock clock) {
        this.store = store;
        this.memory = memory;
        this.dispatches = dispatches;
        this.weights = weights.weights();
        this.community = community;
        this.clock = clock;
    }

    /** What a decision about a request sees: its dispatch, and everyone's load with the request in view. */
    record Moment(Dispatch dispatch, CandidateStore.Loads loads) {

        /** Whether an offer of the request is open now. */
        boolean offeredNow() {
            return loads.offeredNow();
        }
    }

    /** Reads everyone's load with the request in view, in the caller's transaction, with memory brought up to date. */
    Mono<Moment> lookAt(Dispatch dispatch) {
        return store.loads(dispatch.requestId(), clock.instant())
                .flatMap(loads -> memory.upTo(loads.latestChange()).thenReturn(new Moment(dispatch, loads)));
    }

    /** The rule of the request's category, if there is one. */
    Optional<Rule> rule(Moment moment) {
        return memory.rule(moment.dispatch().categoryCode());
    }

    /**
     * The first {@code wanted} candidates for the request under its rule whose team key {@code shown} accepts, best
     * first: every eligible volunteer is scored, and the best are checked in turn for who can be asked now
     * (availability is weekly windows and leave).
     */
    List<Scoring.Scored> ranked(Moment moment, Rule rule, int wanted, Predicate<String> shown) {
        Instant now = clock.instant();
        Dispatch dispatch = moment.dispatch();
        Scoring.Need need = new Scoring.Need(rule.teams(), rule.requiredSkills(), dispatch.compoundCode(),
                dispatch.gridCode(), memory.located(dispatch.place()));
        List<Scoring.Volunteer> able = memory.volunteers().stream()
                .filter(profile -> profile.active() && !profile.id().equals(dispatch.requesterId())
                        && !profile.id().equals(dispatch.submittedBy())
                        && profile.teams().stream().anyMatch(need.teams()::contains)
                        && !moment.loads().of(profile.id()).tried())
                .map(profile -> {
                    CandidateStore.Load load = moment.loads().of(profile.id());
                    return new Scoring.Volunteer(profile.id(), profile.teams(), profile.skills(), profile.compoundCode(),
                            profile.gridCode(), load.openOrders(), profile.maxConcurrent(), load.recentHours(),
                            profile.averageRating(), memory.home(profile));
                })
                .toList();
        List<Scoring.Scored> chosen = new ArrayList<>();
        for (Scoring.Scored scored : Scoring.rank(need, able, weights)) {
            if (chosen.size() == wanted) {
                break;
            }
            if (shown.test(scored.teamKey()) && memory.volunteer(scored.volunteerId())
                    .filter(profile -> askable(profile.availability(), dispatch, now)).isPresent()) {
                chosen.add(scored);
            }
        }
        return List.copyOf(chosen);
    }

    private boolean askable(Availability availability, Dispatch dispatch, Instant now) {
        return dispatch.wantedFrom() == null ? availability.availableAt(now, community.zone())
                : availability.availableDuring(dispatch.wantedFrom(),
                        dispatch.wantedTo() == null ? dispatch.wantedFrom() : dispatch.wantedTo(), community.zone());
    }

    /**
     * Who would be offered a request of the category now — the first {@code limit} whose team key {@code shown}
     * accepts, best first, with each score's parts — for an administrator to see why. A request id previews that
     * request (its tried volunteers left out). Empty when there is no such request or no rule for the category.
     */
    public Mono<Preview> preview(UUID requestId, String categoryCode, String urgency, String compoundCode,
            String gridCode, int limit, Predicate<String> shown) {
        Mono<Dispatch> dispatch = requestId == null
                ? Mono.just(new Dispatch(UUID.randomUUID(), categoryCode, urgency == null ? "NORMAL" : urgency, null, 0,
                        compoundCode, gridCode, null))
                : dispatches.find(requestId);
        return dispatch.flatMap(this::lookAt).flatMap(moment -> Mono.justOrEmpty(rule(moment)
                .map(rule -> new Preview(rule, ranked(moment, rule, limit, shown)))));
    }

    /** A preview: the rule it ranked by, and the ranking. */
    public record Preview(Rule rule, List<Scoring.Scored> ranked) {
    }
}
