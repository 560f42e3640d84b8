package community.dispatch.member;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import community.dispatch.kit.retention.RetentionRule;
import community.dispatch.kit.retention.RetentionRules;

/**
 * How long member-service keeps the tables of the register, the places and the visits, and why (sign-in's and
 * notifications' tables have theirs in their features, the kit's in the kit).
 */
@Configuration(proxyBeanMethods = false)
class DataRetention {

    @Bean
    RetentionRules registerTables() {
        String places = "the community's places, from the register: reference data staff maintain";
        return RetentionRules.of(
                RetentionRule.notAged("compound", places),
                RetentionRule.notAged("grid", places),
                RetentionRule.notAged("building", places),
                RetentionRule.notAged("unit", places),
                RetentionRule.notAged("organisation", "the party organisations: reference data staff maintain"),
                RetentionRule.notAged("member", "the member register; what identifies a person goes when they are "
                        + "erased, not by age"),
                RetentionRule.notAged("membership", "who belongs to which organisation; goes with its member"),
                RetentionRule.notAged("grid_chief", "the chiefs of each grid: reference data staff maintain"),
                RetentionRule.notAged("register_edition", "which one-off re-tellings of the register were done: a row "
                        + "each, so none is done twice"),
                RetentionRule.notAged("visit", "the chiefs' visits are their record (ten households a week) and a KPI; "
                        + "what a visit heard at a person's home goes when they are erased"),
                RetentionRule.notAged("erasure", "the proof that a person's erasure was asked for, by whom and why: "
                        + "it names no one but staff"),
                RetentionRule.notAged("erasure_step", "each service's confirmation that it erased the person"));
    }
}
