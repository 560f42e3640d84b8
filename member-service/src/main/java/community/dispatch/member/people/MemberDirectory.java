package community.dispatch.member.people;

import static community.dispatch.member.people.domain.MemberEdit.notFound;
import static community.dispatch.member.people.domain.MemberEdit.sorted;
import static community.dispatch.member.people.domain.MemberEdit.stale;
import static community.dispatch.member.people.domain.MemberEdit.stateOf;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.events.member.MemberDeactivated;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.events.member.MemberUpdated;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.kit.security.Caller;
import community.dispatch.member.people.domain.Editor;
import community.dispatch.member.people.domain.Member;
import community.dispatch.member.people.domain.MemberChange;
import community.dispatch.member.people.domain.MemberEdit;
import community.dispatch.member.people.domain.Role;
import community.dispatch.member.people.domain.RolePolicy;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The register of members: who may see whom, who may change what, and the events that keep other
 * services in step. Every change and its event commit together.
 */
@Service
@RequiredArgsConstructor
public class MemberDirectory {

    private static final String REGISTERED = "member.registered";

    private static final Logger log = LoggerFactory.getLogger(MemberDirectory.class);

    private final MemberStore store;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final SignInAccounts accounts;
    private final AuditTrail audit;

    /** A member as the caller may see them; another person's record is "not found" to a resident. */
    public Mono<Member> get(UUID id, Caller caller) {
        if (!mayLookUpPeople(caller) && !caller.is(id)) {
            return Mono.error(notFound(id));
        }
        return store.findById(id).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /** A member, for the service's own features (no caller to check): sign-in, places, exports. */
    public Mono<Member> find(UUID id) {
        return store.findById(id);
    }

    /** The active member with this phone number, for sign-in with a code. */
    public Mono<Member> findActiveByPhone(String phone) {
        return store.findActiveByPhone(phone);
    }

    /** The grids the member serves as a grid worker or one of the five chiefs, as staff assigned them. */
    public Flux<String> gridsServedBy(UUID member) {
        return store.gridsServedBy(member);
    }

    public Mono<Page<Member>> list(MemberFilter filter, int page, int size, Caller caller) {
        if (!mayLookUpPeople(caller)) {
            return Mono.error(DomainException.forbidden("Only staff, grid workers and team leaders may list members."));
        }
        return Mono.fromCallable(() -> MemberDisclosure.boundedFilter(filter, caller))
                .flatMap(allowed -> Mono.zip(store.page(allowed, page, size).collectList(), store.count(allowed)))
                .map(result -> new Page<>(result.getT1(), page, size, result.getT2()));
    }

    /** Registers a member (staff; only admins register staff or admins). Audited. */
    public Mono<Member> register(NewMember request, Caller caller) {
        requireStaff(caller);
        UUID id = request.id() != null ? request.id() : UUID.randomUUID();
        NewMember withId = request.id() != null ? request : request.withId(id);
        Map<String, Object> granted = Map.of("roles", sorted(request.roles()));
        return RolePolicy.mayGrant(new Editor(caller.subject(), caller.roles()), id, null, request.roles())
                .map(refusal -> audit.<Member>refused(caller, REGISTERED, id.toString(), null, granted,
                        DomainException.forbidden(refusal)))
                .orElseGet(() -> transactions.transactional(create(withId)
                        .flatMap(member -> audit.done(caller, REGISTERED, id.toString(), null, granted).thenReturn(member))));
    }

    /** Creates a member with no caller to check: for the first admin and the demo community. */
    public Mono<Member> registerInternally(NewMember request) {
        return transactions.transactional(create(request));
    }

    /** Whether someone has this username already. */
    public Mono<Boolean> usernameExists(String username) {
        return store.usernameTaken(username, new UUID(0, 0));
    }

    private Mono<Member> create(NewMember request) {
        UUID id = request.id() != null ? request.id() : UUID.randomUUID();
        return validate(id, request.phone(), request.username(), request.unitId(), request.partyBranchId())
                .then(Mono.defer(() -> store.insert(new Member(id, request.name(), request.phone(),
                        request.unitId() == null ? null : new Member.Home(request.unitId(), null, null, null, null),
                        request.roles(), request.partyBranchId(), request.partyKind(), request.leadership(), true,
                        request.username(), 0))))
                .then(Mono.defer(() -> request.password() == null ? Mono.empty()
                        : accounts.setFirstPassword(id, request.password())))
                .then(Mono.defer(() -> store.findById(id)))
                .flatMap(member -> outbox.record(registered(member))
                        .thenReturn(member))
                .doOnEach(Logged.onNext(member -> log.debug("Registered member {} with roles {}", member.id(), member.roles())));
    }

    /** Applies a change; a member may change their own name and home, staff anything ({@link MemberEdit}). */
    public Mono<Member> change(UUID id, MemberChange change, Long expectedVersion, Caller caller) {
        return transactions.transactional(get(id, caller)
                .map(current -> MemberEdit.of(current, change, expectedVersion, new Editor(caller.subject(), caller.roles())))
                .flatMap(edit -> !edit.changes() ? Mono.just(edit.before()) : edit.refusal()
                        .map(refusal -> audit.<Member>refused(caller, edit.action(), id.toString(), stateOf(edit.before()),
                                stateOf(edit.after()), DomainException.forbidden(refusal)))
                        .orElseGet(() -> save(edit, change, caller))));
    }

    private Mono<Member> save(MemberEdit edit, MemberChange change, Caller caller) {
        UUID id = edit.before().id();
        return validate(id, edit.newPhone().orElse(null), null, change.unitId(), change.partyBranchId())
                .then(store.update(edit.after(), edit.before().version()))
                .flatMap(updated -> updated ? Mono.defer(() -> store.findById(id)) : Mono.error(stale(id)))
                .flatMap(member -> outbox.record(member.active() ? updated(member) : new MemberDeactivated(member.id()))
                        .then(edit.managing() ? audit.done(caller, edit.action(), id.toString(), stateOf(edit.before()),
                                stateOf(member)) : Mono.empty())
                        .thenReturn(member));
    }

    /** Suspends a member (staff only): they can no longer sign in, and their sessions end. */
    public Mono<Member> deactivate(UUID id, Long expectedVersion, Caller caller) {
        requireStaff(caller);
        return change(id, MemberChange.deactivation(), expectedVersion, caller)
                .flatMap(member -> accounts.endSessions(id).thenReturn(member));
    }

    private Mono<Void> validate(UUID id, String phone, String username, UUID unitId, UUID partyBranchId) {
        Mono<Void> phoneFree = phone == null ? Mono.empty() : store.phoneTaken(phone, id)
                .flatMap(taken -> taken ? Mono.error(DomainException.conflict("phone-taken",
                        "Another member already has this phone number.")) : Mono.empty());
        Mono<Void> usernameFree = username == null ? Mono.empty() : store.usernameTaken(username, id)
                .flatMap(taken -> taken ? Mono.error(DomainException.conflict("username-taken",
                        "Another member already has this username.")) : Mono.empty());
        Mono<Void> unitKnown = unitId == null ? Mono.empty() : store.unitExists(unitId)
                .flatMap(exists -> exists ? Mono.empty() : Mono.error(DomainException.invalid("unknown-unit", "There is no unit " + unitId + ".")));
        Mono<Void> branchKnown = partyBranchId == null ? Mono.empty() : store.partyBranchExists(partyBranchId)
                .flatMap(exists -> exists ? Mono.empty() : Mono.error(DomainException.invalid("unknown-party-branch", "There is no party branch " + partyBranchId + ".")));
        return phoneFree.then(usernameFree).then(unitKnown).then(branchKnown);
    }

    /** Grid workers and team leaders act for residents, so they may look people up. */
    private static boolean mayLookUpPeople(Caller caller) {
        return caller.isStaff() || caller.hasRole(Role.GRID_WORKER.name()) || caller.hasRole(Role.TEAM_LEADER.name());
    }

    private static void requireStaff(Caller caller) {
        if (caller != null && !caller.isStaff()) {
            throw DomainException.forbidden("Only staff may do this.");
        }
    }

    private static Set<String> roleNames(Set<Role> roles) {
        return roles.stream().map(Role::name).collect(Collectors.toSet());
    }

    /**
     * Tells the register's readers where the active members living in a building now live: an admin placed
     * the building. Answers how many were told.
     */
    public Mono<Long> homesMoved(UUID building) {
        return store.activeIn(building).concatMap(member -> outbox.record(updated(member))).count();
    }

    /** Tells the register's readers every active member again (as updated); answers how many. Call inside a transaction. */
    Mono<Long> republishAll() {
        return store.allActive().concatMap(member -> outbox.record(updated(member))).count();
    }

    private static MemberRegistered registered(Member member) {
        Member.Home home = member.home();
        return home == null ? new MemberRegistered(member.id(), roleNames(member.roles()), null)
                : new MemberRegistered(member.id(), roleNames(member.roles()), home.compoundCode(), home.building(), home.latitude(),
                        home.longitude(), home.gridCode());
    }

    private static MemberUpdated updated(Member member) {
        Member.Home home = member.home();
        return home == null ? new MemberUpdated(member.id(), roleNames(member.roles()), null, true)
                : new MemberUpdated(member.id(), roleNames(member.roles()), home.compoundCode(), true, home.building(),
                        home.latitude(), home.longitude(), home.gridCode());
    }

}
