package community.dispatch.kit.retention;

import java.util.List;

/** The retention rules of one part of a service (the kit's tables, a service's own): a bean each. */
public record RetentionRules(List<RetentionRule> rules) {

    public static RetentionRules of(RetentionRule... rules) {
        return new RetentionRules(List.of(rules));
    }
}
