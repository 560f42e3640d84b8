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
 */
public record MemberRegistered(UUID memberId, Set<String> roles, String compoundCode, String building, Double latitude,
        Double longitude) implements DomainEvent {

    /** Someone whose home is known by compound at most. */
    public MemberRegistered(UUID memberId, Set<String> roles, String compoundCode) {
        this(memberId, roles, compoundCode, null, null, null);
    }

    @Override
    public String subject() {
        return memberId.toString();
    }
}
