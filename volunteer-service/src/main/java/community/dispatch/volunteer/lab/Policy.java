package community.dispatch.volunteer.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import community.dispatch.volunteer.dispatching.domain.Asking;
import community.dispatch.volunteer.dispatching.domain.Scoring;

/**
 * Whom the lab offers waiting requests to. Every policy sees the same volunteers — those production's
 * {@link Asking} lets take the request now — and differs only in whom it picks.
 */
interface Policy {

    String name();

    /** Zero: each request is decided the moment it waits; otherwise the waiting ones are decided together this often. */
    Duration every();

    /**
     * Whom to offer each waiting request now: a request left out waits for the next round; an empty list means nobody
     * can take it.
     */
    Map<Case, List<Scoring.Scored>> choose(List<Case> waiting, Simulation.View view, Instant now);

    /** A policy that decides each request alone, as it waits: {@code picker} orders those able to take it. */
    record OneByOne(String name, Picker picker) implements Policy {

        @Override
        public Duration every() {
            return Duration.ZERO;
        }

        @Override
        public Map<Case, List<Scoring.Scored>> choose(List<Case> waiting, Simulation.View view,
                Instant now) {
            Map<Case, List<Scoring.Scored>> chosen = new HashMap<>();
            for (Case waits : waiting) {
                List<Scoring.Scored> able = view.able(waits);
                chosen.put(waits, able.isEmpty() ? List.of()
                        : picker.pick(waits, able, waits.rule().dispatchMode().offersAtOnce()));
            }
            return chosen;
        }
    }

    /** Picks the first {@code wanted} of those able (never none), in a policy's order. */
    @FunctionalInterface
    interface Picker {

        List<Scoring.Scored> pick(Case waits, List<Scoring.Scored> able, int wanted);
    }

    /** What dispatch does today: the best-scored first ({@link Asking#best}). */
    static Policy greedy() {
        return new OneByOne("greedy (production)", (waits, able, wanted) -> Asking.best(able, wanted));
    }

    /** The nearest able volunteer first (ties: the lower id). */
    static Policy nearest() {
        return new OneByOne("nearest able", (waits, able, wanted) -> able.stream()
                .sorted(Comparator.comparing((Scoring.Scored scored) -> scored.distanceMetres())
                        .thenComparing(Scoring.Scored::volunteerId, Scoring::byText))
                .limit(wanted).toList());
    }

    /**
     * Round-robin within the team: the rule's first team with anyone able, and in it the next able volunteer after the
     * one it last offered (in the order of their ids), whatever their score.
     */
    static Policy roundRobin() {
        Map<String, UUID> lastOffered = new HashMap<>();
        return new OneByOne("round-robin in team", (waits, able, wanted) -> {
            String team = waits.rule().teams().stream()
                    .filter(key -> able.stream().anyMatch(scored -> scored.teamKey().equals(key))).findFirst().orElseThrow();
            UUID last = lastOffered.get(team);
            List<Scoring.Scored> inTeam = able.stream().filter(scored -> scored.teamKey().equals(team))
                    .sorted(Comparator.comparing(Scoring.Scored::volunteerId, Scoring::byText)).toList();
            List<Scoring.Scored> turn = new ArrayList<>(inTeam.stream()
                    .filter(scored -> last == null || Scoring.byText(scored.volunteerId(), last) > 0).toList());
            turn.addAll(inTeam.subList(0, inTeam.size() - turn.size()));
            List<Scoring.Scored> picked = turn.stream().limit(wanted).toList();
            lastOffered.put(team, picked.get(picked.size() - 1).volunteerId());
            return picked;
        });
    }
}
