package community.dispatch.events.member;

import java.util.Set;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/**
 * A member's roles, home or status changed (or where their home building is: an admin placed it).
 *
 * @param building their home building ({@code <compound>/<building>}), when known
 * @param latitude where that building is (WGS 84), when it has been placed
 * @param longitude where that building is
 * @param gridCode the grid their home is in, when known
 */
public record MemberUpdated(UUID memberId, Set<String> roles, String compoundCode, boolean active, String building,
        Double latitude, Double longitude, String gridCode) implements DomainEvent {

    /** Someone whose grid is not said. */
    public MemberUpdated(UUID memberId, Set<String> roles, String compoundCode, boolean active, String building,
            Double latitude, Double longitude) {
        this(memberId, roles, compoundCode, active, building, latitude, longitude, null);
    }

    /** Someone whose home is known by compound at most. */
    public MemberUpdated(UUID memberId, Set<String> roles, String compoundCode, boolean active) {
        this(memberId, roles, compoundCode, active, null, null, null);
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
