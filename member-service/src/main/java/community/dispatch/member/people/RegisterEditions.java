package community.dispatch.member.people;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.kit.timers.BackgroundWork;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * When member events start saying more of a member ({@link #EDITION}; 2: the home's grid), the services reading
 * the register learn it of everyone registered before: at start-up every active member is published once more as
 * updated — once per edition, whichever instance gets there first.
 */
@Component
class RegisterEditions extends BackgroundWork {

    static final int EDITION = 2;

    private static final Logger log = LoggerFactory.getLogger(RegisterEditions.class);

    private final MemberStore store;
    private final MemberDirectory directory;
    private final TransactionalOperator transactions;

    RegisterEditions(MemberStore store, MemberDirectory directory, TransactionalOperator transactions) {
        this.store = store;
        this.directory = directory;
        this.transactions = transactions;
    }

    @Override
    protected Disposable begin() {
        return transactions.transactional(store.claimEdition(EDITION)
                        .flatMap(claimed -> claimed ? directory.republishAll() : Mono.just(-1L)))
                .retryWhen(Retry.backoff(10, Duration.ofSeconds(1)))
                .subscribe(told -> {
                    if (told >= 0) {
                        log.info("Register edition {}: told the register's readers of {} active members again", EDITION, told);
                    }
                }, error -> log.warn("Register edition {} not published: {}", EDITION, error.toString()));
    }
}
