package community.dispatch.volunteer.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jgrapht.alg.matching.MaximumWeightBipartiteMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

import community.dispatch.volunteer.dispatching.domain.Asking;
import community.dispatch.volunteer.dispatching.domain.Scoring;

/**
 * The optimum for a batch window: every {@code every}, the requests waiting and the volunteers able to take them are
 * matched so that the sum of their scores (the same weights) is the largest possible — JGraphT's maximum-weight
 * bipartite matching, exact — one request per volunteer in a round. A POOL request is offered to everyone able, as
 * production does; a request left unmatched waits for the next round.
 */
record OptimalBatch(Duration every) implements Policy {

    @Override
    public String name() {
        return "optimal per " + every.toSeconds() + " s batch";
    }

    @Override
    public Map<Case, List<Scoring.Scored>> choose(List<Case> waiting, Simulation.View view,
            Instant now) {
        Map<Case, List<Scoring.Scored>> chosen = new HashMap<>();
        SimpleWeightedGraph<Object, DefaultWeightedEdge> graph = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        Set<Object> requests = new HashSet<>();
        Set<Object> volunteers = new HashSet<>();
        Map<DefaultWeightedEdge, Scoring.Scored> scoredBy = new HashMap<>();
        for (Case waits : waiting) {
            List<Scoring.Scored> able = view.able(waits);
            if (able.isEmpty()) {
                chosen.put(waits, List.of());
            }
            else if (waits.rule().dispatchMode().offersAtOnce() > 1) {
                chosen.put(waits, Asking.best(able, Integer.MAX_VALUE));
            }
            else {
                graph.addVertex(waits);
                requests.add(waits);
                for (Scoring.Scored scored : able) {
                    UUID volunteer = scored.volunteerId();
                    if (volunteers.add(volunteer)) {
                        graph.addVertex(volunteer);
                    }
                    DefaultWeightedEdge edge = graph.addEdge(waits, volunteer);
                    graph.setEdgeWeight(edge, scored.score());
                    scoredBy.put(edge, scored);
                }
            }
        }
        if (!requests.isEmpty()) {
            for (DefaultWeightedEdge edge : new MaximumWeightBipartiteMatching<>(graph, requests, volunteers).getMatching()
                    .getEdges()) {
                chosen.put((Case) graph.getEdgeSource(edge), List.of(scoredBy.get(edge)));
            }
        }
        return chosen;
    }
}
