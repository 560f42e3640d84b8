package community.dispatch.kit.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

import community.dispatch.errors.DomainException;

/**
 * Who is calling, read from their verified token: a member (the subject is their member id) or a
 * machine client, their roles, where the member lives (grid, compound and building — {@code <compound>/<building>} —
 * of their home, when the issuer knows them) and — for grid workers and the five chiefs — the grids staff assigned them to serve
 * ({@code grids}). What a grid worker may see follows the grids they serve, never their home.
 */
public record Caller(String subject, Set<String> roles, String grid, String compound, Set<String> servedGrids, String building) {

    public static final String STAFF = "STAFF";
    public static final String ADMIN = "ADMIN";
    public static final String SERVED_GRIDS_CLAIM = "grids";

    public Caller {
        roles = Set.copyOf(roles);
        servedGrids = servedGrids == null ? Set.of() : Set.copyOf(servedGrids);
    }

    /** A caller whose home building is not known. */
    public Caller(String subject, Set<String> roles, String grid, String compound, Set<String> servedGrids) {
        this(subject, roles, grid, compound, servedGrids, null);
    }

    /** A caller who serves no grid. */
    public Caller(String subject, Set<String> roles, String grid, String compound) {
        this(subject, roles, grid, compound, Set.of());
    }

    public static Caller of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(ServiceSecurityAutoConfiguration.ROLES_CLAIM);
        List<String> grids = jwt.getClaimAsStringList(SERVED_GRIDS_CLAIM);
        return new Caller(jwt.getSubject(), roles == null ? Set.of() : Set.copyOf(roles), jwt.getClaimAsString("grid"),
                jwt.getClaimAsString("compound"), grids == null ? Set.of() : Set.copyOf(grids), jwt.getClaimAsString("building"));
    }

    /** Whether the caller serves the grid (as a grid worker or one of its five chiefs). */
    public boolean serves(String gridCode) {
        return gridCode != null && servedGrids.contains(gridCode);
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
