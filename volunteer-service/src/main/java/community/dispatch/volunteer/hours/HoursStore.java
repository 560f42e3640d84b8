package community.dispatch.volunteer.hours;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The SQL of the time bank: honour hours, and service hours read from served orders. A period is given
 * twice — as instants (when orders were completed) and as community days (when honour hours were earned).
 */
@Component
@RequiredArgsConstructor
class HoursStore {

    /** A period: {@code [from, to)} in instants, {@code [fromDay, toDay]} in days. */
    record Period(Instant from, Instant to, LocalDate fromDay, LocalDate toDay) {

        Map<String, Object> bindings() {
            return Map.of("from", from, "to", to, "fromDay", fromDay, "toDay", toDay);
        }
    }

    /** One volunteer's service and honour hours over a period. */
    record Hours(UUID volunteerId, double service, double honour) {
    }

    private final DatabaseClient database;

    Mono<Void> certify(UUID volunteer, double hours, String activity, LocalDate onDate, String certifiedBy) {
        return database.sql("""
                        INSERT INTO honour_hours (id, volunteer_id, hours, activity, on_date, certified_by)
                        VALUES (:id, :volunteer, :hours, :activity, :date, :by)""")
                .bindValues(Map.of("id", UUID.randomUUID(), "volunteer", volunteer, "hours", BigDecimal.valueOf(hours),
                        "activity", activity, "date", onDate, "by", certifiedBy))
                .fetch().rowsUpdated().then();
    }

    /** The honour hours already certified for the volunteer on the day. */
    /** Makes certifications for the volunteer wait for one another until the transaction ends. */
    Mono<Void> lockHonourHoursOf(UUID volunteer) {
        return database.sql("SELECT pg_advisory_xact_lock(hashtextextended('honour-hours:' || :v, 0))")
                .bind("v", volunteer.toString()).map(row -> true).first().then();
    }

    Mono<Double> honourHoursOn(UUID volunteer, LocalDate day) {
        return database.sql("SELECT coalesce(sum(hours), 0) AS total FROM honour_hours WHERE volunteer_id = :v AND on_date = :day")
                .bind("v", volunteer).bind("day", day).map(row -> row.get("total", BigDecimal.class).doubleValue()).one();
    }

    /** The volunteer's entries, oldest first; a service entry's day is its completion day in {@code zone}. */
    Flux<TimeBank.Entry> entries(UUID volunteer, Period period, String zone) {
        return database.sql("""
                        SELECT (completed_at AT TIME ZONE :zone)::date AS day, 'SERVICE' AS kind, hours, id AS order_id,
                               NULL AS activity
                        FROM order_offer WHERE volunteer_id = :v AND status = ANY(:served)
                          AND completed_at >= :from AND completed_at < :to
                        UNION ALL
                        SELECT on_date, 'HONOUR', hours, NULL, activity FROM honour_hours
                        WHERE volunteer_id = :v AND on_date >= :fromDay AND on_date <= :toDay
                        ORDER BY 1, 2""")
                .bindValues(period.bindings())
                .bind("v", volunteer).bind("zone", zone).bind("served", OrderStatus.names(OrderStatus.SERVED))
                .map(row -> new TimeBank.Entry(row.get("day", LocalDate.class), row.get("kind", String.class),
                        row.get("hours", BigDecimal.class).doubleValue(), row.get("order_id", UUID.class),
                        row.get("activity", String.class)))
                .all();
    }

    /** Each volunteer of the team with their hours. */
    Flux<Hours> ofTeam(String team, Period period) {
        return database.sql("""
                        SELECT v.member_id,
                               coalesce((SELECT sum(o.hours) FROM order_offer o WHERE o.volunteer_id = v.member_id
                                           AND o.status = ANY(:served) AND o.completed_at >= :from
                                           AND o.completed_at < :to), 0) AS service,
                               coalesce((SELECT sum(h.hours) FROM honour_hours h WHERE h.volunteer_id = v.member_id
                                           AND h.on_date >= :fromDay AND h.on_date <= :toDay), 0) AS honour
                        FROM volunteer v WHERE :team = ANY(v.teams) ORDER BY v.member_id""")
                .bindValues(period.bindings())
                .bind("team", team).bind("served", OrderStatus.names(OrderStatus.SERVED))
                .map(row -> new Hours(row.get("member_id", UUID.class), row.get("service", BigDecimal.class).doubleValue(),
                        row.get("honour", BigDecimal.class).doubleValue()))
                .all();
    }
}
