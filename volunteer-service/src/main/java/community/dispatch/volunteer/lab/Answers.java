package community.dispatch.volunteer.lab;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How volunteers in the lab answer an offer. Whether they take it falls with the distance from home (half as likely
 * at {@value #FAR_METRES} m and beyond) and with how busy they are (down to 60 % when at their limit); of those who do
 * not, about a third never answer and the offer expires. An answer comes after a few minutes (15 s plus, on average,
 * {@value #MEAN_SECONDS} s); one that would come after the offer expired is no answer. The draws are fixed by the week's
 * seed, the request and the volunteer, so every policy meets the same people in the same mood.
 */
final class Answers {

    static final double FAR_METRES = 3000;
    static final int MEAN_SECONDS = 150;

    enum Kind { ACCEPT, DECLINE, IGNORE }

    record Answer(Kind kind, Duration after) {
    }

    private final long seed;

    Answers(long seed) {
        this.seed = seed;
    }

    Answer to(LabWeek.Request request, LabWeek.Volunteer volunteer, double metres, int openOrders, Duration timeout) {
        SplittableRandom draws = new SplittableRandom(seed ^ request.id().getMostSignificantBits() * 31
                ^ request.id().getLeastSignificantBits() ^ volunteer.id().getMostSignificantBits() * 17
                ^ volunteer.id().getLeastSignificantBits());
        double take = 0.85 * (1 - 0.5 * Math.min(metres, FAR_METRES) / FAR_METRES)
                * (1 - 0.4 * openOrders / volunteer.maxConcurrent());
        double mood = draws.nextDouble();
        boolean silent = draws.nextDouble() < 0.35;
        Duration after = Duration.ofSeconds(15 + Math.round(-Math.log(1 - draws.nextDouble()) * MEAN_SECONDS));
        if (mood >= take && silent || !after.minus(timeout).isNegative()) {
            return new Answer(Kind.IGNORE, timeout);
        }
        return new Answer(mood < take ? Kind.ACCEPT : Kind.DECLINE, after);
    }
}
