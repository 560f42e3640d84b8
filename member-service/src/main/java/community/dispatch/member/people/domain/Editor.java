package community.dispatch.member.people.domain;

import java.util.Set;
import java.util.UUID;

/** Who changes the register, as its rules see them: their subject (a member id, or a machine client) and roles. */
public record Editor(String subject, Set<String> roles) {

    public Editor {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN.name());
    }

    /** The community office: staff and admins. */
    public boolean isStaff() {
        return isAdmin() || roles.contains(Role.STAFF.name());
    }

    public boolean is(UUID memberId) {
        return memberId.toString().equals(subject);
    }
}
