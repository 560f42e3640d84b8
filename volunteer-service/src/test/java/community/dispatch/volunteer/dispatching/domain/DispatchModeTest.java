package community.dispatch.volunteer.dispatching.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DispatchModeTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            DIRECT, 3, 1
            POOL, 3, 3
            DIRECT, 0, 0
            POOL, 0, 0
            DIRECT, 1, 1
            POOL, 3000, 3000
            """)
    void directOffersTheBestOnlyAndPoolOffersEveryone(DispatchMode mode, int candidates, int offered) {
        assertThat(Math.min(candidates, mode.offersAtOnce())).isEqualTo(offered);
    }

    @ParameterizedTest
    @CsvSource({ "DIRECT, 4, 5, false", "DIRECT, 5, 5, true", "DIRECT, 6, 5, true", "POOL, 5, 5, false", "POOL, 50, 5, false" })
    void onlyDirectDispatchRunsOutOfOffers(DispatchMode mode, int offersMade, int maxOffers, boolean exhausted) {
        assertThat(mode.exhausted(offersMade, maxOffers)).isEqualTo(exhausted);
    }

    /** Every (from, to) pair of dispatch statuses, and whether it is allowed. */
    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource(textBlock = """
            OPEN, OPEN, false
            OPEN, ASSIGNED, true
            OPEN, UNASSIGNABLE, true
            OPEN, CANCELLED, true
            ASSIGNED, OPEN, true
            ASSIGNED, ASSIGNED, true
            ASSIGNED, UNASSIGNABLE, false
            ASSIGNED, CANCELLED, true
            UNASSIGNABLE, OPEN, true
            UNASSIGNABLE, ASSIGNED, true
            UNASSIGNABLE, UNASSIGNABLE, false
            UNASSIGNABLE, CANCELLED, true
            CANCELLED, OPEN, false
            CANCELLED, ASSIGNED, false
            CANCELLED, UNASSIGNABLE, false
            CANCELLED, CANCELLED, false
            """)
    void dispatchStatusesMoveOnlyAsTheirTableSays(DispatchStatus from, DispatchStatus to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
    }
}
