package community.dispatch.member.people;

import java.util.Set;
import community.dispatch.member.people.domain.Role;

/** What to look for among members; {@code withinGrids} (null: anywhere) bounds where they live; unused values are null. */
public record MemberFilter(Role role, String gridCode, String compoundCode, Boolean active, Boolean partyMember,
        Boolean leadership, String name, Set<String> withinGrids) {

    public MemberFilter(Role role, String gridCode, String compoundCode, Boolean active, Boolean partyMember,
            Boolean leadership, String name) {
        this(role, gridCode, compoundCode, active, partyMember, leadership, name, null);
    }

    public static MemberFilter none() {
        return new MemberFilter(null, null, null, null, null, null, null);
    }

    MemberFilter within(Set<String> grids) {
        return new MemberFilter(role, gridCode, compoundCode, active, partyMember, leadership, name, Set.copyOf(grids));
    }
}
