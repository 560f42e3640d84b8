package community.dispatch.events.intake;

import community.dispatch.events.DomainEvent;

/** A municipal system forwarded a ticket (for example from the 12345 hotline). */
public record TicketCreated(String externalId, String sourceSystem, String categoryCode, String description, String address) implements DomainEvent {

    @Override
    public String subject() {
        return externalId;
    }
}
