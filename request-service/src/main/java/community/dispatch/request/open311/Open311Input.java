package community.dispatch.request.open311;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;

import community.dispatch.errors.DomainException;
import community.dispatch.request.catalogue.Category;
import community.dispatch.request.requests.RequestDetails;

/**
 * What Open311 calls send, read and checked: a filing's form as a request's details (its answers typed as the
 * service's attributes say), a search's span, statuses and paging, and the community's refusals worded by the
 * form's own field names. Every refusal is an {@link Open311Exception} saying which field and why.
 */
final class Open311Input {

    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_SHORT = 100;
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]]{1,64})\\](\\[\\])?");
    private static final Pattern ADDRESS_ID = Pattern.compile("([A-Za-z0-9]{1,20})/([A-Za-z0-9-]{1,20})");

    private Open311Input() {
    }

    /** A request's details from the form, its answers typed as the category's attributes say. */
    static RequestDetails details(MultiValueMap<String, String> form, Category category) {
        Double lat = coordinate(form, "lat");
        Double lng = coordinate(form, "long");
        String addressString = limited("address_string", blankToNull(form.getFirst("address_string")), 500);
        String addressId = blankToNull(form.getFirst("address_id"));
        if ((lat == null) != (lng == null)) {
            throw Open311Exception.badRequest("lat and long come together");
        }
        if (lat == null && addressString == null && addressId == null) {
            throw Open311Exception.badRequest("a location is required: lat and long, address_string or address_id");
        }
        String compound = null;
        String building = null;
        if (addressId != null) {
            Matcher matcher = ADDRESS_ID.matcher(addressId);
            if (!matcher.matches()) {
                throw Open311Exception.badRequest("address_id is a compound and a building, e.g. C05/5");
            }
            compound = matcher.group(1);
            building = matcher.group(2);
        }
        String mediaUrl = blankToNull(form.getFirst("media_url"));
        if (mediaUrl != null && !isWebAddress(mediaUrl)) {
            throw Open311Exception.badRequest("media_url must be an http or https address of at most 2000 characters");
        }
        String email = limited("email", blankToNull(form.getFirst("email")), 254);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw Open311Exception.badRequest("email is not an email address");
        }
        RequestDetails.Reporter reporter = new RequestDetails.Reporter(
                limited("first_name", blankToNull(form.getFirst("first_name")), MAX_SHORT),
                limited("last_name", blankToNull(form.getFirst("last_name")), MAX_SHORT), email,
                limited("phone", blankToNull(form.getFirst("phone")), 40),
                limited("device_id", blankToNull(form.getFirst("device_id")), MAX_SHORT),
                limited("account_id", blankToNull(form.getFirst("account_id")), MAX_SHORT));
        String description = limited("description", form.getFirst("description"), MAX_DESCRIPTION);
        return new RequestDetails(description == null ? "" : description.trim(), answers(form, category),
                new RequestDetails.Location(compound, building, null, lat, lng,
                        addressString),
                null, mediaUrl == null ? List.of() : List.of(mediaUrl),
                reporter.phone() != null ? RequestDetails.ContactPreference.PHONE : RequestDetails.ContactPreference.VISIT,
                false, reporter);
    }

    /** {@code attribute[code]=…} and {@code attribute[code][]=…}, typed by the category's attribute. */
    static Map<String, Object> answers(MultiValueMap<String, String> form, Category category) {
        Map<String, Category.Attribute> asked = new LinkedHashMap<>();
        category.attributes().forEach(attribute -> asked.put(attribute.code(), attribute));
        Map<String, Object> answers = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            Matcher matcher = ATTRIBUTE.matcher(name);
            if (!matcher.matches()) {
                return;
            }
            String code = matcher.group(1);
            Category.Attribute attribute = asked.get(code);
            if (attribute == null) {
                // Category.check names it as not asked.
                answers.put(code, values.get(0));
                return;
            }
            Object answer = switch (attribute.datatype()) {
                case MULTI_VALUE_LIST -> {
                    List<Object> all = new ArrayList<>(values);
                    if (answers.get(code) instanceof List<?> earlier) {
                        all.addAll(0, earlier);
                    }
                    yield all;
                }
                case NUMBER -> numberOrText(values.get(0));
                default -> values.size() == 1 ? values.get(0) : values;
            };
            answers.put(code, answer);
        });
        return answers;
    }

    static Object numberOrText(String value) {
        try {
            BigDecimal number = new BigDecimal(value.trim());
            return number.scale() <= 0 ? (Object) number.longValueExact() : (Object) number.doubleValue();
        }
        catch (NumberFormatException | ArithmeticException e) {
            return value;
        }
    }

    /** The community's refusals, worded by the form's field names. */
    static Open311Exception inOpen311Terms(DomainException refused) {
        HttpStatus status = switch (refused.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN, UNAUTHENTICATED -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        };
        List<String> descriptions = new ArrayList<>();
        if (refused.properties().get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                String field = error instanceof Category.AnswerError answer ? answer.field()
                        : error instanceof Map<?, ?> map ? String.valueOf(map.get("field")) : null;
                String message = error instanceof Category.AnswerError answer ? answer.message()
                        : error instanceof Map<?, ?> map ? String.valueOf(map.get("message")) : String.valueOf(error);
                descriptions.add(formField(field) + " " + message);
            }
        }
        if (descriptions.isEmpty()) {
            descriptions.add(refused.getMessage());
        }
        return new Open311Exception(status, descriptions);
    }

    static String formField(String field) {
        if (field == null) {
            return "";
        }
        if (field.startsWith("attributes.")) {
            return "attribute[" + field.substring("attributes.".length()) + "]";
        }
        return switch (field) {
            case "location.latitude" -> "lat";
            case "location.longitude" -> "long";
            case "categoryCode" -> "service_code";
            default -> field;
        };
    }

    static Double coordinate(MultiValueMap<String, String> form, String name) {
        String value = blankToNull(form.getFirst(name));
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number) && Math.abs(number) <= ("lat".equals(name) ? 90 : 180)) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // answered below
        }
        throw Open311Exception.badRequest(name + " must be a WGS 84 " + ("lat".equals(name) ? "latitude" : "longitude") + " in degrees");
    }

    static String required(MultiValueMap<String, String> form, String name) {
        String value = blankToNull(form.getFirst(name));
        if (value == null) {
            throw Open311Exception.badRequest(name + " was not provided");
        }
        return value;
    }

    static String limited(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw Open311Exception.badRequest(name + " is at most " + max + " characters");
        }
        return value;
    }

    static boolean isWebAddress(String value) {
        try {
            URI uri = URI.create(value);
            return value.length() <= 2000 && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static UUID uuidOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }
}
