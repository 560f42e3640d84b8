package community.dispatch.volunteer.dispatching;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

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

    /** Rows of the first page beyond those wanted; no page is larger than the last. */
    private static final int FIRST_PAGE = 16;
    private static final int MAX_PAGE = 5_000;

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

    /**
     * The first {@code wanted} candidates for the request under its rule whose team key {@code shown} accepts, best
     * first. The database ranks them; each page is then checked for who can be asked now (availability is weekly
     * windows and leave, read here) — a page of a few more than wanted, then wider pages while too few are free.
     */
    Mono<List<Scoring.Scored>> ranked(Dispatch dispatch, Rule rule, int wanted, Predicate<String> shown) {
        Instant now = clock.instant();
        return store.located(dispatch.place()).flatMap(place -> collect(dispatch,
                new Scoring.Need(rule.teams(), rule.requiredSkills(), dispatch.compoundCode(), dispatch.gridCode(), place),
                now, wanted, shown, 0, List.of()));
    }

    private Mono<List<Scoring.Scored>> collect(Dispatch dispatch, Scoring.Need need, Instant now, int wanted,
            Predicate<String> shown, int offset, List<Scoring.Scored> found) {
        int page = (int) Math.min(MAX_PAGE, Math.max(FIRST_PAGE, (long) (wanted - found.size()) * 4 + FIRST_PAGE));
        return store.best(dispatch, need, weights, now, page, offset).collectList().flatMap(rows -> {
            List<Scoring.Volunteer> free = rows.stream()
                    .filter(candidate -> dispatch.wantedFrom() == null ? candidate.availability().availableAt(now, community.zone())
                            : candidate.availability().availableDuring(dispatch.wantedFrom(),
                                    dispatch.wantedTo() == null ? dispatch.wantedFrom() : dispatch.wantedTo(), community.zone()))
                    .map(CandidateStore.Candidate::volunteer)
                    .toList();
            List<Scoring.Scored> more = new ArrayList<>(found);
            Scoring.rank(need, free, weights).stream().filter(scored -> shown.test(scored.teamKey())).forEach(more::add);
            if (more.size() >= wanted || rows.size() < page) {
                return Mono.just(more.size() > wanted ? List.copyOf(more.subList(0, wanted)) : List.copyOf(more));
            }
            return collect(dispatch, need, now, wanted, shown, offset + rows.size(), more);
        });
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
        return dispatch.flatMap(what -> rules.find(what.categoryCode())
                .flatMap(rule -> ranked(what, rule, limit, shown).map(ranked -> new Preview(rule, ranked))));
    }

    /** A preview: the rule it ranked by, and the ranking. */
    public record Preview(Rule rule, List<Scoring.Scored> ranked) {
    }
}
