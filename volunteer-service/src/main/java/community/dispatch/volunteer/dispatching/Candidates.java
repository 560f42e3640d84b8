package community.dispatch.volunteer.dispatching;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import community.dispatch.kit.time.CommunityProperties;
import community.dispatch.volunteer.dispatching.domain.Asking;
import community.dispatch.volunteer.dispatching.domain.Dispatch;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import community.dispatch.volunteer.teams.Availability;
import reactor.core.publisher.Mono;

/**
 * Ranks who could take a request now — eligible, available in the community's zone at this moment (or, for
 * a request with a preferred window, at some moment of that window), not yet tried, and neither the requester
 * nor who entered it on their behalf — with {@link Scoring}; and previews that ranking for administrators. The
 * profiles, places and rules it ranks by are in {@link DispatchMemory}; a decision reads the request's orders and the
 * loads of those it would choose.
 */
@Component
@EnableConfigurationProperties(ScoringWeights.class)
public class Candidates {

    /** Candidates confirmed beyond those wanted in the first page; no page is larger than the last. */
    private static final int FIRST_PAGE = 16;
    private static final int MAX_PAGE = 5_000;

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

    /** The scoring weights in use. */
    public Scoring.Weights weights() {
        return weights;
    }

    /** What a decision about a request sees: its dispatch, and the request's orders. */
    record Moment(Dispatch dispatch, CandidateStore.Tried tried) {

        /** Whether an offer of the request is open now. */
        boolean offeredNow() {
            return tried.offeredNow();
        }
    }

    /** A volunteer who could be asked, and the score their load as last told gives them; the best come first. */
    private record Estimate(CandidateStore.Profile profile, double points) implements Comparable<Estimate> {

        @Override
        public int compareTo(Estimate other) {
            int byPoints = Double.compare(other.points, points);
            return byPoints != 0 ? byPoints : Scoring.byText(profile.id(), other.profile.id());
        }
    }

    /** Reads the request's orders in the caller's transaction, with memory brought up to date. */
    Mono<Moment> lookAt(Dispatch dispatch) {
        return store.tried(dispatch.requestId())
                .flatMap(tried -> memory.upTo(tried.latestChange()).thenReturn(new Moment(dispatch, tried)));
    }

    /**
     * A request opened in the caller's transaction a moment ago, when the last change number was {@code latestChange}:
     * nobody was tried for it and no row of it needs reading again.
     */
    Mono<Moment> lookAtNew(Dispatch dispatch, long latestChange) {
        return memory.upTo(latestChange).thenReturn(new Moment(dispatch, new CandidateStore.Tried(Set.of(), false, latestChange)));
    }

    /** The rule of the request's category, if there is one. */
    Optional<Rule> rule(Moment moment) {
        return memory.rule(moment.dispatch().categoryCode());
    }

    /**
     * The first {@code wanted} candidates for the request under its rule whose team key {@code shown} accepts, best
     * first. Everyone who could be asked is ranked in memory by their load as last told; then, a page at a time from
     * the top, their loads are read as they are now (in the caller's transaction) and they are scored again, and
     * checked for who can be asked now (availability is weekly windows and leave) — until the {@code wanted}-th best
     * so found is ahead of the next one's estimate. A load only grows between being told and being read, except
     * where an order closed in the last moments, so no one further down would rank higher.
     */
    Mono<List<Scoring.Scored>> ranked(Moment moment, Rule rule, int wanted, Predicate<String> shown) {
        Dispatch dispatch = moment.dispatch();
        Asking asking = new Asking(new Scoring.Need(rule.teams(), rule.requiredSkills(), dispatch.compoundCode(),
                dispatch.gridCode(), memory.located(dispatch.place())), dispatch.requesterId(), dispatch.submittedBy(),
                moment.tried().volunteers(), weights);
        List<Estimate> estimates = new ArrayList<>();
        for (CandidateStore.Profile profile : memory.volunteers()) {
            if (asking.considers(profile.id(), profile.active())) {
                Scoring.Volunteer guess = volunteer(profile, memory.load(profile.id()));
                if (Scoring.eligible(asking.need(), guess)) {
                    estimates.add(new Estimate(profile, Scoring.points(asking.need(), guess, weights)));
                }
            }
        }
        // A heap, not a sort: a decision takes the best few of thousands.
        return confirmed(dispatch, asking, new PriorityQueue<>(estimates), 0, wanted, shown, clock.instant(), new ArrayList<>());
    }

    private Mono<List<Scoring.Scored>> confirmed(Dispatch dispatch, Asking asking, PriorityQueue<Estimate> estimates,
            int taken, int wanted, Predicate<String> shown, Instant now, List<Scoring.Scored> chosen) {
        if (estimates.isEmpty()) {
            return Mono.just(Asking.best(chosen, wanted));
        }
        int page = (int) Math.min(MAX_PAGE, taken == 0 ? (long) wanted + FIRST_PAGE : taken);
        List<Estimate> slice = new ArrayList<>(Math.min(page, estimates.size()));
        while (slice.size() < page && !estimates.isEmpty()) {
            slice.add(estimates.poll());
        }
        return store.loadsOf(slice.stream().map(estimate -> estimate.profile().id()).toList(), now).flatMap(loads -> {
            for (Estimate estimate : slice) {
                CandidateStore.Profile profile = estimate.profile();
                asking.scored(volunteer(profile, loads.getOrDefault(profile.id(), CandidateStore.Load.NONE)),
                                askable(profile.availability(), dispatch, now))
                        .filter(scored -> shown.test(scored.teamKey()))
                        .ifPresent(chosen::add);
            }
            List<Scoring.Scored> best = Asking.best(chosen, wanted);
            boolean settled = estimates.isEmpty() || best.size() >= wanted && ahead(best.get(wanted - 1), estimates.peek());
            return settled ? Mono.just(best)
                    : confirmed(dispatch, asking, estimates, taken + slice.size(), wanted, shown, now, chosen);
        });
    }

    private static boolean ahead(Scoring.Scored scored, Estimate estimate) {
        return scored.score() > estimate.points()
                || scored.score() == estimate.points() && Scoring.byText(scored.volunteerId(), estimate.profile().id()) < 0;
    }

    private Scoring.Volunteer volunteer(CandidateStore.Profile profile, CandidateStore.Load load) {
        return new Scoring.Volunteer(profile.id(), profile.teams(), profile.skills(), profile.compoundCode(),
                profile.gridCode(), load.openOrders(), profile.maxConcurrent(), load.recentHours(), profile.averageRating(),
                memory.home(profile));
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
                ? Mono.just(Dispatch.imagined(categoryCode, urgency == null ? "NORMAL" : urgency, compoundCode, gridCode))
                : dispatches.find(requestId);
        return dispatch.flatMap(this::lookAt).flatMap(moment -> Mono.justOrEmpty(rule(moment))
                .flatMap(rule -> ranked(moment, rule, limit, shown).map(ranked -> new Preview(rule, ranked))));
    }

    /** A preview: the rule it ranked by, and the ranking. */
    public record Preview(Rule rule, List<Scoring.Scored> ranked) {
    }
}
