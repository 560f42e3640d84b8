package community.dispatch.events.member;

import java.util.Set;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/**
 * A person joined the community's register.
 *
 * @param building their home building ({@code <compound>/<building>}, e.g. {@code C05/5}), when known
 * @param latitude where that building is (WGS 84), when it has been placed
 * @param longitude where that building is
 * @param gridCode the grid their home is in, when known: grid workers act for the residents of the grids they serve
 */
public record MemberRegistered(UUID memberId, Set<String> roles, String compoundCode, String building, Double latitude,
        Double longitude, String gridCode) implements DomainEvent {

    /** Someone whose grid is not said. */
    public MemberRegistered(UUID memberId, Set<String> roles, String compoundCode, String building, Double latitude,
            Double longitude) {
        this(memberId, roles, compoundCode, building, latitude, longitude, null);
    }

    /** Someone whose home is known by compound at most. */
    public MemberRegistered(UUID memberId, Set<String> roles, String compoundCode) {
        this(memberId, roles, compoundCode, null, null, null);
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
