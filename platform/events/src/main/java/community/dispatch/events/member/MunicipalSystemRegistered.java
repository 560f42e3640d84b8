package community.dispatch.events.member;

import community.dispatch.events.DomainEvent;

/**
 * An admin registered a municipal system (a machine client of the issuer): its client id is what its
 * tickets name as {@code sourceSystem}.
 */
public record MunicipalSystemRegistered(String clientId, String name) implements DomainEvent {

    @Override
    public String subject() {
        return clientId;
    }
}
