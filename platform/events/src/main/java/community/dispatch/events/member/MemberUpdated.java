package community.dispatch.events.member;

import java.util.Set;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** A member's roles, home or status changed. */
public record MemberUpdated(UUID memberId, Set<String> roles, String compoundCode, boolean active) implements DomainEvent {

    @Override
    public String subject() {
        return memberId.toString();
    }
}
