package community.dispatch.request.catalogue;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.kit.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/** The categories of need; admins change them, everyone reads them (from memory: {@link CatalogueCopy}). */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class Catalogue {

    private final CategoryStore store;
    private final CatalogueCopy copy;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;

    public Flux<Category> all(boolean includeInactive) {
        return copy.categories().flatMapIterable(Map::values).filter(category -> includeInactive || category.active());
    }

    public Mono<Category> find(String code) {
        return copy.categories().mapNotNull(categories -> categories.get(code));
    }

    /** The category a new request may use: it must exist and be active. */
    public Mono<Category> forNewRequest(String code) {
        return find(code).filter(Category::active).switchIfEmpty(Mono.error(() -> DomainException.invalid(
                "unknown-category", "There is no active category '" + code + "'.",
                Map.of("errors", List.of(Map.of("field", "categoryCode", "message", "is not an active category"))))));
    }

    public Mono<Category> create(Category category) {
        return find(category.code())
                .flatMap(existing -> Mono.<Category>error(DomainException.conflict("category-exists",
                        "Category '" + category.code() + "' exists already.")))
                .switchIfEmpty(Mono.defer(() -> store.insert(category).doOnSuccess(written -> copy.forget())
                        .then(find(category.code()))));
    }

    /** Replaces a category if it still has {@code expectedVersion} (when given). */
    public Mono<Category> replace(Category category, Long expectedVersion) {
        return store.replace(category, expectedVersion)
                .doOnSuccess(written -> copy.forget())
                .flatMap(updated -> updated == 1 ? find(category.code()) : find(category.code())
                        .flatMap(existing -> Mono.<Category>error(DomainException.stale("stale-category",
                                "Category '" + category.code() + "' changed since you read it.")))
                        .switchIfEmpty(Mono.error(() -> notFound(category.code()))));
    }

    /** Staff say whether Open311 may publish the details of requests filed in the category; audited. */
    public Mono<Category> publish(String code, boolean publicDetails, Caller caller) {
        Map<String, Object> after = Map.of("publicDetails", publicDetails);
        if (!caller.isStaff()) {
            return audit.refused(caller, "category.publication", code, null, after,
                    DomainException.forbidden("Only staff decide what is published of a category."));
        }
        return transactions.transactional(store.publish(code, publicDetails)
                        .flatMap(found -> found ? audit.done(caller, "category.publication", code, null, after).thenReturn(true)
                                : Mono.just(false)))
                .doOnSuccess(written -> copy.forget())
                .flatMap(found -> found ? find(code) : Mono.error(notFound(code)));
    }

    static DomainException notFound(String code) {
        return DomainException.notFound("category-not-found", "There is no category '" + code + "'.");
    }
}
