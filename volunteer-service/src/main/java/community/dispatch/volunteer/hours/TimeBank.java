package community.dispatch.volunteer.hours;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.kit.security.Caller;
import community.dispatch.kit.time.CommunityCalendar;
import reactor.core.publisher.Mono;

/**
 * Volunteers' hours: service hours from completed orders (信用時) and honour hours certified for
 * activities outside orders (榮譽時), with points per hour, per volunteer and per team over a period
 * of days in the community's calendar.
 */
@Component
@EnableConfigurationProperties(HoursProperties.class)
public class TimeBank {

    public record Entry(LocalDate date, @Schema(example = "SERVICE", allowableValues = { "SERVICE", "HONOUR" }) String kind,
            @Schema(example = "1.5") double hours, UUID orderId, @Schema(example = "Free clinic at C05") String activity) {
    }

    public record Statement(UUID volunteerId, LocalDate from, LocalDate to, List<Entry> entries,
            @Schema(example = "12.5") double serviceHours, @Schema(example = "3.5") double honourHours, @Schema(example = "160") double points) {
    }

    public record Total(UUID volunteerId, @Schema(example = "12.5") double serviceHours, @Schema(example = "3.5") double honourHours,
            @Schema(example = "160") double points) {
    }

    public record TeamTotals(@Schema(example = "angel") String team, LocalDate from, LocalDate to, List<Total> volunteers,
            @Schema(example = "96") double serviceHours, @Schema(example = "20") double honourHours, @Schema(example = "1160") double points) {
    }

    /** How far back honour hours may be certified. */
    static final int CERTIFY_WITHIN_DAYS = 30;
    /** The most honour hours a volunteer earns in a day. */
    static final double HONOUR_HOURS_PER_DAY = 8;

    private final HoursStore store;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final CommunityCalendar calendar;
    private final double pointsPerHour;

    TimeBank(HoursStore store, AuditTrail audit, TransactionalOperator transactions, CommunityCalendar calendar,
            HoursProperties properties) {
        this.store = store;
        this.audit = audit;
        this.transactions = transactions;
        this.calendar = calendar;
        this.pointsPerHour = properties.pointsPerHour();
    }

    /**
     * Certifies honour hours for a day within the last {@value #CERTIFY_WITHIN_DAYS} days, at most
     * {@value #HONOUR_HOURS_PER_DAY} hours a day for a volunteer in all; audited.
     */
    public Mono<Void> certify(UUID volunteer, double hours, String activity, LocalDate onDate, Caller certifiedBy) {
        LocalDate today = calendar.today();
        if (onDate.isAfter(today) || onDate.isBefore(today.minusDays(CERTIFY_WITHIN_DAYS))) {
            return Mono.error(DomainException.invalidField("onDate", "a day within the last " + CERTIFY_WITHIN_DAYS + " days"));
        }
        Map<String, Object> entry = Map.of("hours", hours, "onDate", onDate.toString());
        // Certifications for one volunteer wait for one another, so parallel ones cannot race past the day's cap.
        return transactions.transactional(store.lockHonourHoursOf(volunteer).then(store.honourHoursOn(volunteer, onDate))
                .flatMap(already -> already + hours > HONOUR_HOURS_PER_DAY
                        ? Mono.error(DomainException.invalidField("hours", "at most " + HONOUR_HOURS_PER_DAY
                                + " honour hours a day; " + already + " are certified for " + onDate))
                        : store.certify(volunteer, hours, activity, onDate, certifiedBy.subject())
                                .then(audit.done(certifiedBy, "volunteer.honour-hours", volunteer.toString(), null, entry))));
    }

    /** The volunteer's hours over days from–to (default: this month). */
    public Mono<Statement> statement(UUID volunteer, LocalDate from, LocalDate to) {
        CommunityCalendar.Days days = calendar.days(from, to);
        return store.entries(volunteer, period(days), calendar.zone().getId()).collectList()
                .map(entries -> {
                    double service = sum(entries, "SERVICE");
                    double honour = sum(entries, "HONOUR");
                    return new Statement(volunteer, days.first(), days.last(), entries, service, honour,
                            (service + honour) * pointsPerHour);
                });
    }

    /** The team's volunteers' hours over days from–to (default: this month). */
    public Mono<TeamTotals> team(String team, LocalDate from, LocalDate to) {
        CommunityCalendar.Days days = calendar.days(from, to);
        return store.ofTeam(team, period(days))
                .map(hours -> new Total(hours.volunteerId(), hours.service(), hours.honour(),
                        (hours.service() + hours.honour()) * pointsPerHour))
                .collectList()
                .map(totals -> new TeamTotals(team, days.first(), days.last(), totals,
                        totals.stream().mapToDouble(Total::serviceHours).sum(),
                        totals.stream().mapToDouble(Total::honourHours).sum(),
                        totals.stream().mapToDouble(Total::points).sum()));
    }

    private static HoursStore.Period period(CommunityCalendar.Days days) {
        return new HoursStore.Period(days.start(), days.end(), days.first(), days.last());
    }

    private static double sum(List<Entry> entries, String kind) {
        return entries.stream().filter(entry -> entry.kind().equals(kind)).mapToDouble(Entry::hours).sum();
    }
}
