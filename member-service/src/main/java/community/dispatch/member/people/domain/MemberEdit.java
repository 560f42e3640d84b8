package community.dispatch.member.people.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import community.dispatch.errors.DomainException;

/**
 * A change to a member's record, decided: whether the editor may ask for it at all, what it makes of the member,
 * whether it is made as staff (then judged by {@link RolePolicy}, and audited), and what the audit trail calls it.
 */
public record MemberEdit(Member before, Member after, Editor editor, boolean managing) {

    /**
     * Decides {@code change} to {@code current} by {@code editor}, who read it at {@code expectedVersion} (null: did not
     * say). A member changes their own name and home, staff anything; to anyone else, another person's record is not
     * there.
     *
     * @throws DomainException not found, forbidden, stale (someone changed the member since), or invalid (half a party
     *         membership)
     */
    public static MemberEdit of(Member current, MemberChange change, Long expectedVersion, Editor editor) {
        if (!editor.isStaff() && !editor.is(current.id())) {
            throw notFound(current.id());
        }
        if (!editor.isStaff() && change.touchesStaffFields()) {
            throw DomainException.forbidden("Only staff may change phone numbers, roles, party membership, leadership or status.");
        }
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw stale(current.id());
        }
        return new MemberEdit(current, change.applyTo(current), editor, !editor.is(current.id()) || change.touchesStaffFields());
    }

    /** Whether it changes anything: a change to what is already there is no change (nothing saved, told or audited). */
    public boolean changes() {
        return !after.equals(before);
    }

    /** Why the editor may not make it; empty when they may. Editing one's own name and home is one's own business. */
    public Optional<String> refusal() {
        return managing ? RolePolicy.mayManage(editor, before.roles())
                .or(() -> RolePolicy.mayGrant(editor, before.id(), before.roles(), after.roles())) : Optional.empty();
    }

    /** The phone number it gives the member, when it gives them a new one (which must be nobody else's). */
    public Optional<String> newPhone() {
        return Objects.equals(before.phone(), after.phone()) ? Optional.empty() : Optional.ofNullable(after.phone());
    }

    /** What the audit trail calls it. */
    public String action() {
        if (before.active() && !after.active()) {
            return "member.deactivated";
        }
        return before.roles().equals(after.roles()) ? "member.changed" : "member.roles-changed";
    }

    /** What the audit trail keeps of a member: what decides their powers, no personal data. */
    public static Map<String, Object> stateOf(Member member) {
        return Map.of("roles", sorted(member.roles()), "active", member.active(), "leadership", member.leadership(),
                "partyMember", member.partyKind() != null);
    }

    public static List<String> sorted(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toList();
    }

    public static DomainException notFound(UUID id) {
        return DomainException.notFound("member-not-found", "There is no member " + id + ".");
    }

    /** Someone else changed the member since the editor read it. */
    public static DomainException stale(UUID id) {
        return DomainException.stale("stale-member", "Member " + id + " was changed by someone else; read it again and retry.");
    }
}
