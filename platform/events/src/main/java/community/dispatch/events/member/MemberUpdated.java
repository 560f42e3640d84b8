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
 */
public record MemberUpdated(UUID memberId, Set<String> roles, String compoundCode, boolean active, String building,
        Double latitude, Double longitude) implements DomainEvent {

    /** Someone whose home is known by compound at most. */
    public MemberUpdated(UUID memberId, Set<String> roles, String compoundCode, boolean active) {
        this(memberId, roles, compoundCode, active, null, null, null);
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
