package community.dispatch.volunteer;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import community.dispatch.kit.retention.RetentionRule;
import community.dispatch.kit.retention.RetentionRules;

/** How long volunteer-service keeps each of its tables, and why (the kit's tables have their own rules). */
@Configuration(proxyBeanMethods = false)
class DataRetention {

    @Bean
    RetentionRules volunteerServiceTables() {
        return RetentionRules.of(
                RetentionRule.notAged("team", "the six teams: reference data"),
                RetentionRule.notAged("team_leader", "who leads which team: reference data staff maintain"),
                RetentionRule.notAged("volunteer", "volunteers' profiles, kept in step with the member register; an "
                        + "erased member's profile goes with them"),
                RetentionRule.notAged("dispatch_rule", "the dispatch rules staff and leaders set: reference data"),
                RetentionRule.purged("dispatch_rule_audit", "changed_at", Duration.ofDays(3 * 365),
                        "who changed a dispatch rule and how, for staff and inspections: three years, as every audit trail"),
                RetentionRule.notAged("building_place", "where each building stands, from the register: reference data"),
                RetentionRule.notAged("dispatch", "one row per request dispatched: part of its request's history"),
                RetentionRule.notAged("order_offer", "the time bank: who was offered what, who did it and the hours "
                        + "earned; hours, KPIs and honours are counted from it"),
                RetentionRule.notAged("honour_hours", "honours awarded from the time bank: a volunteer's record"));
    }
}
