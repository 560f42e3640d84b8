package community.dispatch.events.member;

import java.util.Set;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** A person joined the community's register. */
public record MemberRegistered(UUID memberId, Set<String> roles, String compoundCode) implements DomainEvent {

    @Override
    public String subject() {
        return memberId.toString();
    }
}
