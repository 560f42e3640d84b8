package community.dispatch.volunteer.hours;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Volunteers' hours: service hours from completed orders (信用時) and honour hours certified for
 * activities outside orders (榮譽時), with points per hour, per volunteer and per team over a period
 * of days in the community's calendar.
 */
@Component
public class TimeBank {

    private static final ZoneId COMMUNITY = ZoneId.of("Asia/Shanghai");

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

    private final DatabaseClient database;
    private final double pointsPerHour;

    public TimeBank(DatabaseClient database, @Value("${dispatch.hours.points-per-hour:10}") double pointsPerHour) {
        this.database = database;
        this.pointsPerHour = pointsPerHour;
    }

    public Mono<Void> certify(UUID volunteer, double hours, String activity, LocalDate onDate, String certifiedBy) {
        return database.sql("""
                        INSERT INTO honour_hours (id, volunteer_id, hours, activity, on_date, certified_by)
                        VALUES (:id, :volunteer, :hours, :activity, :date, :by)""")
                .bind("id", UUID.randomUUID()).bind("volunteer", volunteer).bind("hours", BigDecimal.valueOf(hours))
                .bind("activity", activity).bind("date", onDate).bind("by", certifiedBy)
                .fetch().rowsUpdated().then();
    }

    public Mono<Statement> statement(UUID volunteer, LocalDate from, LocalDate to) {
        return database.sql("""
                        SELECT (completed_at AT TIME ZONE 'Asia/Shanghai')::date AS day, 'SERVICE' AS kind, hours, id AS order_id,
                               NULL AS activity
                        FROM order_offer WHERE volunteer_id = :v AND status IN ('COMPLETED', 'SUPERSEDED')
                          AND completed_at >= :from AND completed_at < :to
                        UNION ALL
                        SELECT on_date, 'HONOUR', hours, NULL, activity FROM honour_hours
                        WHERE volunteer_id = :v AND on_date >= :fromDay AND on_date <= :toDay
                        ORDER BY 1, 2""")
                .bind("v", volunteer).bind("from", start(from)).bind("to", start(to.plusDays(1)))
                .bind("fromDay", from).bind("toDay", to)
                .map(row -> new Entry(row.get("day", LocalDate.class), row.get("kind", String.class),
                        row.get("hours", BigDecimal.class).doubleValue(), row.get("order_id", UUID.class),
                        row.get("activity", String.class)))
                .all().collectList()
                .map(entries -> {
                    double service = sum(entries, "SERVICE");
                    double honour = sum(entries, "HONOUR");
                    return new Statement(volunteer, from, to, entries, service, honour, (service + honour) * pointsPerHour);
                });
    }

    public Mono<TeamTotals> team(String team, LocalDate from, LocalDate to) {
        return database.sql("""
                        SELECT v.member_id,
                               coalesce((SELECT sum(o.hours) FROM order_offer o WHERE o.volunteer_id = v.member_id
                                           AND o.status IN ('COMPLETED', 'SUPERSEDED') AND o.completed_at >= :from
                                           AND o.completed_at < :to), 0) AS service,
                               coalesce((SELECT sum(h.hours) FROM honour_hours h WHERE h.volunteer_id = v.member_id
                                           AND h.on_date >= :fromDay AND h.on_date <= :toDay), 0) AS honour
                        FROM volunteer v WHERE :team = ANY(v.teams) ORDER BY v.member_id""")
                .bind("team", team).bind("from", start(from)).bind("to", start(to.plusDays(1)))
                .bind("fromDay", from).bind("toDay", to)
                .map(row -> {
                    double service = row.get("service", BigDecimal.class).doubleValue();
                    double honour = row.get("honour", BigDecimal.class).doubleValue();
                    return new Total(row.get("member_id", UUID.class), service, honour, (service + honour) * pointsPerHour);
                })
                .all().collectList()
                .map(totals -> new TeamTotals(team, from, to, totals,
                        totals.stream().mapToDouble(Total::serviceHours).sum(),
                        totals.stream().mapToDouble(Total::honourHours).sum(),
                        totals.stream().mapToDouble(Total::points).sum()));
    }

    private static double sum(List<Entry> entries, String kind) {
        return entries.stream().filter(entry -> entry.kind().equals(kind)).mapToDouble(Entry::hours).sum();
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(COMMUNITY).toOffsetDateTime();
    }
}
