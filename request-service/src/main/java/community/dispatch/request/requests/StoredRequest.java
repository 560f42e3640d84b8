package community.dispatch.request.requests;

import java.util.UUID;

import community.dispatch.request.requests.domain.ServiceRequest;

/** A request with what the requester said ({@code details}, JSON), and where it came from. */
public record StoredRequest(ServiceRequest request, String details, String externalRef, String sourceSystem,
        UUID duplicateOf) {
}
