package community.dispatch.events.request;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/**
 * request-service handled a {@code member.erased}: what the person wrote and where they live is gone from the
 * requests they made (kept, with their times, statuses and ratings, for the KPIs), and from the events it keeps.
 *
 * @param requests how many of their requests it pseudonymised
 */
public record MemberErasedFromRequests(UUID memberId, int requests) implements DomainEvent {

    @Override
    public String subject() {
        return memberId.toString();
    }
}
