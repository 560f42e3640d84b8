package community.dispatch.kit.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

import community.dispatch.errors.DomainException;

/**
 * Who is calling, read from their verified token: a member (the subject is their member id) or a
 * machine client, their roles, and the member's grid and compound when the issuer knows them.
 */
public record Caller(String subject, Set<String> roles, String grid, String compound) {

    public static final String STAFF = "STAFF";
    public static final String ADMIN = "ADMIN";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public static Caller of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(ServiceSecurityAutoConfiguration.ROLES_CLAIM);
        return new Caller(jwt.getSubject(), roles == null ? Set.of() : Set.copyOf(roles), jwt.getClaimAsString("grid"),
                jwt.getClaimAsString("compound"));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Community office staff and admins see and manage everything in the community. */
    public boolean isStaff() {
        return hasRole(STAFF) || hasRole(ADMIN);
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
            throw DomainException.notFound("member-not-found", "This caller is not a member.");
        }
    }
}
