package community.dispatch.member.people;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.member.people.domain.Member;

/**
 * Personal data by need. Contact details — the whole phone number and the home — go to staff, the member
 * themself and the grid workers posted to the member's grid; party membership and the username staff and admins
 * sign in with (half of what a password guesser needs) to staff and the member themself. Everyone else who may look
 * people up (team leaders; grid workers elsewhere) sees names, roles and a masked phone. Looking people up by where they live or by party membership is bounded the
 * same way, so a filter cannot reveal what the answer hides.
 */
public record MemberDisclosure(boolean contact, boolean party) {

    /** Whether the caller sees the member's username: as party membership, staff and the member themself. */
    public boolean username() {
        return party;
    }

    public static MemberDisclosure of(Member member, Caller caller) {
        boolean self = caller.is(member.id());
        boolean staff = caller.isStaff();
        boolean postedToTheirGrid = member.home() != null && member.home().gridCode() != null
                && caller.serves(member.home().gridCode());
        return new MemberDisclosure(staff || self || postedToTheirGrid, staff || self);
    }

    /**
     * The filter as the caller may use it: staff unchanged; others never by party membership or
     * leadership, by grid only in grids they serve, and any search by place within those grids.
     */
    static MemberFilter boundedFilter(MemberFilter filter, Caller caller) {
        if (caller.isStaff()) {
            return filter;
        }
        if (filter.partyMember() != null || filter.leadership() != null) {
            throw DomainException.forbidden("Only staff look members up by party membership or leadership.");
        }
        if (filter.gridCode() != null && !caller.serves(filter.gridCode())) {
            throw DomainException.forbidden("You look people up by place only in the grids you serve.");
        }
        return filter.gridCode() != null || filter.compoundCode() != null ? filter.within(caller.servedGrids()) : filter;
    }
}
