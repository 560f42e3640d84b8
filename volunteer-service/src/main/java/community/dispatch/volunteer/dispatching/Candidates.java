package community.dispatch.volunteer.dispatching;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import community.dispatch.kit.time.CommunityProperties;
import community.dispatch.volunteer.dispatching.DispatchStore.Dispatch;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import reactor.core.publisher.Mono;

/**
 * Ranks who could take a request now — eligible, available in the community's zone at this moment (or, for
 * a request with a preferred window, at some moment of that window), not yet tried, and neither the requester
 * nor who entered it on their behalf — with {@link Scoring}; and previews that ranking for administrators.
 */
@Component
@EnableConfigurationProperties(ScoringWeights.class)
public class Candidates {

    private final CandidateStore store;
    private final DispatchStore dispatches;
    private final RuleStore rules;
    private final Scoring.Weights weights;
    private final CommunityProperties community;
    private final Clock clock;

    Candidates(CandidateStore store, DispatchStore dispatches, RuleStore rules, ScoringWeights weights,
            CommunityProperties community, Clock clock) {
        this.store = store;
        this.dispatches = dispatches;
        this.rules = rules;
        this.weights = weights.weights();
        this.community = community;
        this.clock = clock;
    }

    /** The candidates for the request under its rule, best first. */
    Mono<List<Scoring.Scored>> ranked(Dispatch dispatch, Rule rule) {
        Instant now = clock.instant();
        return store.located(dispatch.place()).flatMap(place -> {
            Scoring.Need need = new Scoring.Need(rule.teams(), rule.requiredSkills(), dispatch.compoundCode(), dispatch.gridCode(), place);
            return store.untried(dispatch.requestId(), dispatch.requesterId(), dispatch.submittedBy(), rule.teams(), now)
                    .filter(candidate -> dispatch.wantedFrom() == null ? candidate.availability().availableAt(now, community.zone())
                            : candidate.availability().availableDuring(dispatch.wantedFrom(),
                                    dispatch.wantedTo() == null ? dispatch.wantedFrom() : dispatch.wantedTo(), community.zone()))
                    .map(CandidateStore.Candidate::volunteer)
                    .collectList()
                    .map(volunteers -> Scoring.rank(need, volunteers, weights));
        });
    }

    /**
     * Who would be offered a request of the category now, best first, with each score's parts — for
     * an administrator to see why. A request id previews that request (its tried volunteers left out).
     * Empty when there is no such request or no rule for the category.
     */
    public Mono<Preview> preview(UUID requestId, String categoryCode, String urgency, String compoundCode,
            String gridCode) {
        Mono<Dispatch> dispatch = requestId == null
                ? Mono.just(new Dispatch(UUID.randomUUID(), categoryCode, urgency == null ? "NORMAL" : urgency, null, 0,
                        compoundCode, gridCode, null))
                : dispatches.find(requestId);
        return dispatch.flatMap(what -> rules.find(what.categoryCode())
                .flatMap(rule -> ranked(what, rule).map(ranked -> new Preview(rule, ranked))));
    }

    /** A preview: the rule it ranked by, and the ranking. */
    public record Preview(Rule rule, List<Scoring.Scored> ranked) {
    }
}
