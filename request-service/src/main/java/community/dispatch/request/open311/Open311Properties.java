package community.dispatch.request.open311;

import java.net.URI;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the Open311 endpoint says of itself.
 *
 * @param jurisdictionId when set, a call that names another {@code jurisdiction_id} is 404 (naming none is fine)
 * @param agency         {@code agency_responsible} until a volunteer team takes a request
 * @param contact        discovery's {@code contact}: who to ask about this endpoint
 * @param keyService     discovery's {@code key_service}: how a municipal system gets an api_key
 * @param endpoint       the address clients reach the endpoint at (through the gateway)
 * @param changeset      when the endpoint's services or behaviour last changed
 */
@ConfigurationProperties("dispatch.open311")
record Open311Properties(String jurisdictionId, String agency, String contact, String keyService, URI endpoint,
        Instant changeset) {

    boolean servesJurisdiction(String asked) {
        return asked == null || asked.isBlank() || jurisdictionId == null || jurisdictionId.isBlank()
                || jurisdictionId.equals(asked);
    }
}
