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
    Map<Simulation.Case, List<Scoring.Scored>> choose(List<Simulation.Case> waiting, Simulation.View view, Instant now);

    /** A policy that decides each request alone, as it waits. */
    interface OneByOne extends Policy {

        @Override
        default Duration every() {
            return Duration.ZERO;
        }

        @Override
        default Map<Simulation.Case, List<Scoring.Scored>> choose(List<Simulation.Case> waiting, Simulation.View view,
                Instant now) {
            Map<Simulation.Case, List<Scoring.Scored>> chosen = new HashMap<>();
            for (Simulation.Case waits : waiting) {
                List<Scoring.Scored> able = view.able(waits);
                chosen.put(waits, able.isEmpty() ? List.of() : pick(waits, able, waits.rule().dispatchMode().offersAtOnce()));
            }
            return chosen;
        }

        /** The first {@code wanted} of those able (never empty), in this policy's order. */
        List<Scoring.Scored> pick(Simulation.Case waits, List<Scoring.Scored> able, int wanted);
    }

    /** What dispatch does today: the best-scored first ({@link Asking#best}). */
    static Policy greedy() {
        return new OneByOne() {
            @Override
            public String name() {
                return "greedy (production)";
            }

            @Override
            public List<Scoring.Scored> pick(Simulation.Case waits, List<Scoring.Scored> able, int wanted) {
                return Asking.best(able, wanted);
            }
        };
    }

    /** The nearest able volunteer first (ties: the lower id). */
    static Policy nearest() {
        return new OneByOne() {
            @Override
            public String name() {
                return "nearest able";
            }

            @Override
            public List<Scoring.Scored> pick(Simulation.Case waits, List<Scoring.Scored> able, int wanted) {
                return able.stream().sorted(Comparator.comparing((Scoring.Scored scored) -> scored.distanceMetres())
                        .thenComparing(Scoring.Scored::volunteerId, Scoring::byText)).limit(wanted).toList();
            }
        };
    }

    /**
     * Round-robin within the team: the rule's first team with anyone able, and in it the next able volunteer after the
     * one it last offered (in the order of their ids), whatever their score.
     */
    static Policy roundRobin() {
        Map<String, UUID> lastOffered = new HashMap<>();
        return new OneByOne() {
            @Override
            public String name() {
                return "round-robin in team";
            }

            @Override
            public List<Scoring.Scored> pick(Simulation.Case waits, List<Scoring.Scored> able, int wanted) {
                String team = waits.rule().teams().stream()
                        .filter(key -> able.stream().anyMatch(scored -> scored.teamKey().equals(key))).findFirst().orElseThrow();
                UUID last = lastOffered.get(team);
                Comparator<Scoring.Scored> byId = Comparator.comparing(Scoring.Scored::volunteerId, Scoring::byText);
                List<Scoring.Scored> inTeam = able.stream().filter(scored -> scored.teamKey().equals(team)).sorted(byId).toList();
                List<Scoring.Scored> next = inTeam.stream()
                        .filter(scored -> last == null || Scoring.byText(scored.volunteerId(), last) > 0).toList();
                List<Scoring.Scored> turn = new ArrayList<>(next);
                turn.addAll(inTeam.subList(0, inTeam.size() - next.size()));
                List<Scoring.Scored> picked = turn.stream().limit(wanted).toList();
                lastOffered.put(team, picked.get(picked.size() - 1).volunteerId());
                return picked;
            }
        };
    }
}
