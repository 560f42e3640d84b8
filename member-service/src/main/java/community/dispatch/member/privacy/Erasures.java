package community.dispatch.member.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.events.member.MemberErased;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.kit.security.Caller;
import community.dispatch.member.people.domain.Editor;
import community.dispatch.member.people.domain.Role;
import community.dispatch.member.people.domain.RolePolicy;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * Erasing a person at their request (PIPL art. 47), done by the community office: member-service removes what it
 * holds in one transaction with a {@code member.erased} event, which request- and volunteer-service act on and
 * confirm. Staff only — erasure cannot be undone, so a resident asks the office, which checks who is asking — and
 * never oneself; only admins erase staff or admins, as only they manage them. Audited, refusals too.
 */
@Service
@RequiredArgsConstructor
public class Erasures {

    static final String ACTION = "member.erased";
    static final String SERVICE = "member-service";

    private final ErasureStore store;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final Clock clock;

    /** Erases the person, or answers the erasure already done: asking twice erases once. */
    public Mono<Erasure> erase(UUID id, String reason, Caller caller) {
        if (!caller.isStaff()) {
            return Mono.error(DomainException.forbidden("Only staff erase a person; a resident asks the community office."));
        }
        return transactions.transactional(store.lock(id)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("member-not-found", "There is no member " + id + ".")))
                .flatMap(person -> person.erased() ? store.find(id) : erase(person, reason, caller)));
    }

    private Mono<Erasure> erase(ErasureStore.Person person, String reason, Caller caller) {
        String target = person.id().toString();
        Map<String, Object> asked = Map.of("reason", reason);
        if (caller.is(person.id())) {
            return audit.refused(caller, ACTION, target, null, asked,
                    DomainException.conflict("own-erasure", "Staff do not erase themselves; another staff member does."));
        }
        Set<Role> roles = person.roles().stream().map(Role::valueOf).collect(Collectors.toSet());
        var refusal = RolePolicy.mayManage(new Editor(caller.subject(), caller.roles()), roles);
        if (refusal.isPresent()) {
            return audit.refused(caller, ACTION, target, null, asked, DomainException.forbidden(refusal.get()));
        }
        Instant now = clock.instant();
        return store.requested(person.id(), now, caller.subject(), reason)
                .then(store.erase(person, now))
                .flatMap(records -> store.done(person.id(), SERVICE, now, records))
                .then(outbox.record(new MemberErased(person.id(), now)))
                .then(audit.done(caller, ACTION, target, null, asked))
                .then(Mono.defer(() -> store.find(person.id())));
    }

    /** The erasure of the person, with each service's confirmation so far (staff). */
    public Mono<Erasure> find(UUID id, Caller caller) {
        if (!caller.isStaff()) {
            return Mono.error(DomainException.forbidden("Only staff see erasures."));
        }
        return store.find(id)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("erasure-not-found", "Member " + id + " was not erased.")));
    }

    /** A service confirmed that it erased the person. */
    Mono<Void> confirmed(UUID id, String service, int records) {
        return store.done(id, service, clock.instant(), records);
    }
}
