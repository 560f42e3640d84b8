package community.dispatch.member.people.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who may give whom which roles, and who may manage whom. Admins manage everyone and grant any role;
 * staff manage residents, volunteers, team leaders and grid workers — never staff or admins, and they
 * grant neither STAFF nor ADMIN; nobody else changes roles. An admin does not take ADMIN from themself, so
 * the community is never left without one by accident.
 */
public final class RolePolicy {

    /** Roles only admins grant, and members only admins manage. */
    static final Set<Role> PRIVILEGED = EnumSet.of(Role.STAFF, Role.ADMIN);

    private RolePolicy() {
    }

    /** Why the caller may not manage a member who has {@code roles} (change, deactivate); empty when they may. */
    public static Optional<String> mayManage(Editor caller, Set<Role> roles) {
        if (caller.isAdmin()) {
            return Optional.empty();
        }
        if (!caller.isStaff()) {
            return Optional.of("Only staff manage members.");
        }
        return roles.stream().anyMatch(PRIVILEGED::contains)
                ? Optional.of("Only admins manage staff and admins.") : Optional.empty();
    }

    /**
     * Why the caller may not change the roles of member {@code target} from {@code before} (null: a new
     * member) to {@code after}; empty when they may.
     */
    public static Optional<String> mayGrant(Editor caller, UUID target, Set<Role> before, Set<Role> after) {
        Set<Role> was = before == null ? Set.of() : before;
        if (was.equals(after)) {
            return Optional.empty();
        }
        Optional<String> manage = mayManage(caller, was);
        if (manage.isPresent()) {
            return manage;
        }
        if (!caller.isAdmin() && after.stream().anyMatch(PRIVILEGED::contains)) {
            return Optional.of("Only admins grant STAFF or ADMIN.");
        }
        if (caller.is(target) && was.contains(Role.ADMIN) && !after.contains(Role.ADMIN)) {
            return Optional.of("An admin does not take ADMIN from themself; another admin does.");
        }
        return Optional.empty();
    }
}
