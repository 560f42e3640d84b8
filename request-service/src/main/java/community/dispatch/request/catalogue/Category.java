package community.dispatch.request.catalogue;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

import community.dispatch.web.language.Language;

/**
 * A kind of service the community offers, shaped like an Open311 service so a facade can map it one
 * to one: what a request of it must answer ({@link Attribute}s), its SLA class and its route. Staff flag a
 * category whose requests' details may be published ({@code publicDetails}: public spaces, never homes).
 */
public record Category(
        String code,
        String nameZh,
        String nameZhHant,
        String nameEn,
        String group,
        String description,
        List<String> keywords,
        List<Attribute> attributes,
        Urgency slaClass,
        Route route,
        boolean active,
        boolean publicDetails,
        long version) {

    public Category {
        keywords = List.copyOf(keywords);
        attributes = attributes.stream().sorted(Comparator.comparingInt(Attribute::order)).toList();
    }

    /** Volunteers are dispatched, or — for disputes — the deliberation ladder is climbed. */
    public enum Route {
        DISPATCH, DELIBERATION
    }

    /** Open311 attribute datatypes. */
    public enum Datatype {
        @JsonProperty("string") STRING,
        @JsonProperty("number") NUMBER,
        @JsonProperty("datetime") DATETIME,
        @JsonProperty("text") TEXT,
        @JsonProperty("singlevaluelist") SINGLE_VALUE_LIST,
        @JsonProperty("multivaluelist") MULTI_VALUE_LIST
    }

    public record AllowedValue(@Schema(example = "kitchen") String key, @Schema(example = "Kitchen 厨房") String name) {
    }

    public record Attribute(@Schema(example = "room") String code, @Schema(example = "Which room is it in?") String description,
            Datatype datatype, boolean required, @Schema(example = "1") int order, List<AllowedValue> values) {

        public Attribute {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    /** One problem with an answer: which attribute, and what is wrong. */
    public record AnswerError(String field, String message) {
    }

    /**
     * Checks a request's answers against the attributes: required ones present, each of its type,
     * list answers among the allowed keys, and nothing the category does not ask.
     */
    public List<AnswerError> check(Map<String, Object> answers) {
        List<AnswerError> errors = new ArrayList<>();
        Set<String> known = attributes.stream().map(Attribute::code).collect(Collectors.toSet());
        for (String code : answers.keySet()) {
            if (!known.contains(code)) {
                errors.add(new AnswerError("attributes." + code, "is not asked by category " + this.code));
            }
        }
        for (Attribute attribute : attributes) {
            Object answer = answers.get(attribute.code());
            String field = "attributes." + attribute.code();
            if (answer == null || (answer instanceof String text && text.isBlank())) {
                if (attribute.required()) {
                    errors.add(new AnswerError(field, "is required"));
                }
                continue;
            }
            String problem = problemWith(attribute, answer);
            if (problem != null) {
                errors.add(new AnswerError(field, problem));
            }
        }
        return errors;
    }

    private static String problemWith(Attribute attribute, Object answer) {
        Set<String> allowed = attribute.values().stream().map(AllowedValue::key).collect(Collectors.toSet());
        return switch (attribute.datatype()) {
            case STRING, TEXT -> answer instanceof String ? null : "must be text";
            case NUMBER -> answer instanceof Number ? null : "must be a number";
            case DATETIME -> answer instanceof String text && isDateTime(text) ? null
                    : "must be a date-time with offset, e.g. 2026-11-28T09:30:00+08:00";
            case SINGLE_VALUE_LIST -> answer instanceof String key && allowed.contains(key) ? null
                    : "must be one of " + sorted(allowed);
            case MULTI_VALUE_LIST -> answer instanceof Collection<?> keys && !keys.isEmpty()
                    && keys.stream().allMatch(key -> key instanceof String && allowed.contains(key)) ? null
                    : "must be a list of some of " + sorted(allowed);
        };
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        }
        catch (DateTimeParseException e) {
            return false;
        }
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    /** The display name for an {@code Accept-Language}: Simplified Chinese, Traditional or English ({@link Language}). */
    public String name(String language) {
        return Language.of(language).pick(nameZh, nameZhHant, nameEn);
    }
}
