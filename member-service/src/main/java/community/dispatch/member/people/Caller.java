package community.dispatch.member.people;

import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import community.dispatch.kit.problem.DomainProblem;

/**
 * Who is calling, from their token: a member (subject is the member id) or a machine client.
 */
public record Caller(String subject, Set<String> roles) {

    public boolean isStaff() {
        return roles.contains(Role.STAFF.name()) || roles.contains(Role.ADMIN.name());
    }

    /** Grid workers and team leaders act for residents, so they may look people up. */
    public boolean mayLookUpPeople() {
        return isStaff() || roles.contains(Role.GRID_WORKER.name()) || roles.contains(Role.TEAM_LEADER.name());
    }

    public boolean is(UUID memberId) {
        return memberId.toString().equals(subject);
    }

    /** The caller's member id; a machine client is no member. */
    public UUID memberId() {
        try {
            return UUID.fromString(subject);
        }
        catch (IllegalArgumentException e) {
            throw new DomainProblem(HttpStatus.NOT_FOUND, "member-not-found", "This caller is not a member.");
        }
    }
}
