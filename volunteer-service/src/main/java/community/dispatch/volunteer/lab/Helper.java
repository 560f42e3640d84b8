package community.dispatch.volunteer.lab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import community.dispatch.volunteer.dispatching.domain.Order;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import community.dispatch.volunteer.dispatching.domain.ServiceHours;

/** A volunteer as the lab follows them: the offers and orders that hold them, and the hours credited this week. */
final class Helper {

    /** Hours one order earns at most (the service's default cap). */
    private static final double HOURS_CAP = 8;

    private final LabWeek.Volunteer volunteer;
    private final List<ServiceHours.Span> credited = new ArrayList<>();
    private int openOrders;
    private double weekHours;

    Helper(LabWeek.Volunteer volunteer) {
        this.volunteer = volunteer;
    }

    LabWeek.Volunteer volunteer() {
        return volunteer;
    }

    double weekHours() {
        return weekHours;
    }

    /** Offers and orders holding them now (the load scoring sees). */
    int openOrders() {
        return openOrders;
    }

    /** An offer was made to them. */
    void held() {
        openOrders++;
    }

    /** An offer of theirs closed without an order, or was withdrawn. */
    void freed() {
        openOrders--;
    }

    /** The work is done: checked out as production checks out, crediting the hours not yet credited. */
    void checkOut(Order started, Instant now) {
        Order done = started.checkOut(now, "", null, HOURS_CAP, List.copyOf(credited)).order();
        credited.add(new ServiceHours.Span(done.startedAt(), done.completedAt()));
        weekHours += done.hours();
        openOrders--;
    }

    /** As scoring sees them now: their load, and the hours of the 30 days before the week and of it so far. */
    Scoring.Volunteer asScored() {
        return new Scoring.Volunteer(volunteer.id(), volunteer.teams(), volunteer.skills(), volunteer.compoundCode(),
                volunteer.gridCode(), openOrders, volunteer.maxConcurrent(), volunteer.priorHours() + weekHours,
                volunteer.averageRating(), volunteer.home());
    }
}
