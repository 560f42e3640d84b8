package community.dispatch.kit.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.License;

/**
 * Whom a reader of a service's OpenAPI document asks, and under which licence it is published
 * ({@code dispatch.api.contact-*}, {@code dispatch.api.license-*}). No licence is named until the product owner
 * chooses one; a deployment names it, and its own contact's e-mail and page, here.
 */
@ConfigurationProperties("dispatch.api")
public record ApiContact(
        @DefaultValue("The community service centre (社區服務中心)") String contactName,
        String contactEmail,
        String contactUrl,
        String licenseName,
        String licenseUrl) {

    Contact contact() {
        return new Contact().name(contactName).email(blankToNull(contactEmail)).url(blankToNull(contactUrl));
    }

    /** The licence, or none while no licence is named. */
    License license() {
        return blankToNull(licenseName) == null ? null : new License().name(licenseName).url(blankToNull(licenseUrl));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
