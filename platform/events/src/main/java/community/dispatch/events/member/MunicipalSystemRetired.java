package community.dispatch.events.member;

import community.dispatch.events.DomainEvent;

/** An admin retired a municipal system: its credentials no longer work and its tickets are no longer taken. */
public record MunicipalSystemRetired(String clientId) implements DomainEvent {

    @Override
    public String subject() {
        return clientId;
    }
}
