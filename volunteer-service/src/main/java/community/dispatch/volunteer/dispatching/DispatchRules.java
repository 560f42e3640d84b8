package community.dispatch.volunteer.dispatching;

import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Service;

import community.dispatch.volunteer.dispatching.domain.Rule;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * The rules dispatch decides by, as it keeps them ({@link RuleStore} is dispatching's own): what the rules feature
 * shows, and edits one at a time.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class DispatchRules {

    private final RuleStore store;

    public Flux<Rule> all() {
        return store.all();
    }

    public Mono<Rule> find(String categoryCode) {
        return store.find(categoryCode);
    }

    /**
     * Replaces the category's rule with what {@code change} makes of the one there (empty: none yet), the rule locked
     * meanwhile so changes of one category queue; answers the rule as saved. Call inside a transaction.
     */
    public Mono<Rule> replace(String categoryCode, Function<Optional<Rule>, Mono<Rule>> change) {
        return store.lock(categoryCode).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(change)
                .flatMap(after -> store.write(after).then(store.find(categoryCode)));
    }
}
