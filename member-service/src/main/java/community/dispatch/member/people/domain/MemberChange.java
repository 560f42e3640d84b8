package community.dispatch.member.people.domain;

import java.util.Set;
import java.util.UUID;

import community.dispatch.errors.DomainException;

/** A partial change: null fields stay as they are. */
public record MemberChange(String name, String phone, UUID unitId, Set<Role> roles, UUID partyBranchId,
        PartyKind partyKind, Boolean leadership, Boolean active) {

    /** Suspension: the member is no longer active. */
    public static MemberChange deactivation() {
        return new MemberChange(null, null, null, null, null, null, null, false);
    }

    /** Fields only staff may change; a member edits their own name and home. */
    boolean touchesStaffFields() {
        return phone != null || roles != null || partyBranchId != null || partyKind != null || leadership != null
                || active != null;
    }

    Member applyTo(Member member) {
        boolean sameHome = unitId == null || (member.home() != null && unitId.equals(member.home().unitId()));
        Member.Home home = sameHome ? member.home() : new Member.Home(unitId, null, null, null, null);
        UUID branch = partyBranchId != null ? partyBranchId : member.partyBranchId();
        PartyKind kind = partyKind != null ? partyKind : member.partyKind();
        if ((branch == null) != (kind == null)) {
            throw DomainException.invalid("party-membership-incomplete", "A party member needs both partyBranchId and partyKind.");
        }
        return new Member(member.id(), name != null ? name : member.name(), phone != null ? phone : member.phone(),
                home, roles != null ? roles : member.roles(),
                branch, kind,
                leadership != null ? leadership : member.leadership(), active != null ? active : member.active(),
                member.username(), member.version());
    }
}
