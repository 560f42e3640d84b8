package community.dispatch.volunteer.dispatching;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import community.dispatch.volunteer.dispatching.domain.Scoring;

/** The scoring weights as configured ({@code dispatch.dispatching.weights.*}), with their defaults. */
@ConfigurationProperties("dispatch.dispatching.weights")
record ScoringWeights(@DefaultValue("2.0") double team, @DefaultValue("1.0") double skill,
        @DefaultValue("1.5") double proximity, @DefaultValue("1.0") double load, @DefaultValue("1.0") double fairness,
        @DefaultValue("0.5") double rating) {

    Scoring.Weights weights() {
        return new Scoring.Weights(team, skill, proximity, load, fairness, rating);
    }
}
