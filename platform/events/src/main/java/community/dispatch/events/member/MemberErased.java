package community.dispatch.events.member;

import java.time.Instant;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/**
 * A person's data was erased at their request (China's PIPL art. 47): member-service removed their name, phone,
 * home and sign-in records; every service holding data about them removes or pseudonymises it and says so (request-
 * and volunteer-service publish {@code request.member-erased} and {@code order.member-erased}). Their id stays, with
 * nothing left to tie it to a person, so counts and the time bank's totals stay whole.
 */
public record MemberErased(UUID memberId, Instant erasedAt) implements DomainEvent {

    @Override
    public String subject() {
        return memberId.toString();
    }
}
