package community.dispatch.volunteer.dispatching;

import org.springframework.boot.context.properties.ConfigurationProperties;

import community.dispatch.volunteer.dispatching.domain.Scoring;

/**
 * The scoring weights as configured ({@code dispatch.dispatching.weights.*}); each one not set is
 * {@link Scoring.Weights#DEFAULT}'s.
 */
@ConfigurationProperties("dispatch.dispatching.weights")
record ScoringWeights(Double team, Double skill, Double proximity, Double load, Double fairness, Double rating) {

    Scoring.Weights weights() {
        Scoring.Weights defaults = Scoring.Weights.DEFAULT;
        return new Scoring.Weights(or(team, defaults.team()), or(skill, defaults.skill()),
                or(proximity, defaults.proximity()), or(load, defaults.load()), or(fairness, defaults.fairness()),
                or(rating, defaults.rating()));
    }

    private static double or(Double configured, double otherwise) {
        return configured == null ? otherwise : configured;
    }
}
