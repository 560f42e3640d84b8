package community.dispatch.member.people;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

/** Reads the caller from a verified token. */
public final class Callers {

    private Callers() {
    }

    public static Caller of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new Caller(jwt.getSubject(), roles == null ? Set.of() : new HashSet<>(roles));
    }
}
