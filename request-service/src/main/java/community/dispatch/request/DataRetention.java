package community.dispatch.request;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import community.dispatch.kit.retention.RetentionRule;
import community.dispatch.kit.retention.RetentionRules;

/** How long request-service keeps each of its tables, and why (the kit's tables have their own rules). */
@Configuration(proxyBeanMethods = false)
class DataRetention {

    @Bean
    RetentionRules requestServiceTables() {
        return RetentionRules.of(
                RetentionRule.notAged("category", "the catalogue: reference data staff maintain"),
                RetentionRule.notAged("service_request", "the community's record of every need and the source of every "
                        + "KPI; what identifies a person in it goes when they are erased, not by age"),
                RetentionRule.notAged("request_timeline", "its request's history, which residents, staff, disputes and "
                        + "KPIs read"),
                RetentionRule.notAged("deliberation", "part of its request's history: the dispute's ladder"),
                RetentionRule.notAged("deliberation_session", "part of its request's history: the meetings held on it"),
                RetentionRule.notAged("municipal_system", "the municipal systems admins registered: reference data"),
                RetentionRule.notAged("open311_api_key", "who could submit through Open311 and when that ended: an "
                        + "audit of access, a few rows per system"),
                RetentionRule.notAged("open311_update", "a municipal system's update ids beside the timeline entries they "
                        + "made, so a repeated update is never applied twice; kept with the timeline"),
                RetentionRule.notAged("member_register", "the copy of the member register this service needs; it follows "
                        + "the register's events, and an erased member's row goes with them"));
    }
}
