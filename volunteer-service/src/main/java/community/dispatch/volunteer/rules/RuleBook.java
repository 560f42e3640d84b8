package community.dispatch.volunteer.rules;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.volunteer.dispatching.DispatchRules;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.teams.Team;
import community.dispatch.volunteer.teams.Volunteers;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/** The dispatch rules: data, not code. Each change is checked, versioned and audited. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class RuleBook {

    public record Change(@Schema(example = "3") long version, @Schema(example = "2b0f3c5e-6a47-4d51-9a43-1f0e8f6f7a10") String changedBy,
            OffsetDateTime changedAt, Rule before, Rule after) {
    }

    private final DispatchRules rules;
    private final RuleAuditStore audit;
    private final Volunteers teams;
    private final TransactionalOperator transactions;

    public Flux<Rule> all() {
        return rules.all();
    }

    public Mono<Rule> find(String categoryCode) {
        return rules.find(categoryCode);
    }

    /**
     * Saves the rule (new or replacing one) if it is valid and, when {@code expectedVersion} is given,
     * still at that version; records who changed what.
     */
    public Mono<Rule> save(Rule rule, Long expectedVersion, String changedBy) {
        return teams.teams().map(Team::key).collect(Collectors.toSet())
                .flatMap(known -> check(rule, known))
                .then(transactions.transactional(rules.replace(rule.categoryCode(), found -> {
                    Rule before = found.orElse(null);
                    if (expectedVersion != null && (before == null || before.version() != expectedVersion)) {
                        return Mono.error(DomainException.stale("stale-rule", "The rule changed since you read it."));
                    }
                    Rule after = rule.withVersion(before == null ? 0 : before.version() + 1);
                    return audit.record(before, after, changedBy).thenReturn(after);
                })));
    }

    public Flux<Change> history(String categoryCode) {
        return audit.history(categoryCode);
    }

    private static Mono<Void> check(Rule rule, Set<String> knownTeams) {
        List<Map<String, String>> problems = rule.problems(knownTeams);
        return problems.isEmpty() ? Mono.empty()
                : Mono.error(DomainException.invalid("invalid-rule", "The rule cannot be saved as it is.",
                        Map.of("errors", problems)));
    }
}
