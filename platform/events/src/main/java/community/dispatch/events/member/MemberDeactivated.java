package community.dispatch.events.member;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** A member left or was suspended. */
public record MemberDeactivated(UUID memberId) implements DomainEvent {

    @Override
    public String subject() {
        return memberId.toString();
    }
}
