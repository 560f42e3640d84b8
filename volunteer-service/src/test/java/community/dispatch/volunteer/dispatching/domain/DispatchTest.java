package community.dispatch.volunteer.dispatching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import community.dispatch.errors.DomainException;

class DispatchTest {

    @ParameterizedTest(name = "{0} then {1}: {2}")
    @CsvSource(textBlock = """
            OPEN, assign, ASSIGNED
            OPEN, giveUp, UNASSIGNABLE
            OPEN, cancel, CANCELLED
            OPEN, release, illegal-dispatch-transition
            ASSIGNED, release, OPEN
            ASSIGNED, assign, ASSIGNED
            ASSIGNED, cancel, CANCELLED
            ASSIGNED, giveUp, illegal-dispatch-transition
            UNASSIGNABLE, assign, ASSIGNED
            UNASSIGNABLE, cancel, CANCELLED
            UNASSIGNABLE, giveUp, illegal-dispatch-transition
            CANCELLED, assign, request-cancelled
            CANCELLED, release, request-cancelled
            CANCELLED, giveUp, request-cancelled
            CANCELLED, cancel, CANCELLED
            CANCELLED, reopen, request-cancelled
            """)
    void movesOnlyAsDispatchAllows(DispatchStatus from, String move, String outcome) {
        Dispatch dispatch = in(from, 2);
        UnaryOperator<Dispatch> moving = switch (move) {
            case "assign" -> Dispatch::assign;
            case "release" -> Dispatch::release;
            case "giveUp" -> Dispatch::giveUp;
            case "cancel" -> Dispatch::cancel;
            case "reopen" -> Dispatch::reopen;
            default -> throw new IllegalArgumentException(move);
        };
        if (outcome.contains("-")) {
            assertThatThrownBy(() -> moving.apply(dispatch)).isInstanceOfSatisfying(DomainException.class, refused -> {
                assertThat(refused.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                assertThat(refused.code()).isEqualTo(outcome);
                assertThat(refused.properties()).containsEntry("status", from.name());
            });
        } else {
            Dispatch moved = moving.apply(dispatch);
            assertThat(moved.status()).isEqualTo(DispatchStatus.valueOf(outcome));
            assertThat(moved.offersMade()).as("offers counted so far").isEqualTo(2);
            assertThat(moved.requestId()).isEqualTo(dispatch.requestId());
        }
    }

    @ParameterizedTest
    @CsvSource({"OPEN", "ASSIGNED", "UNASSIGNABLE"})
    void anotherRoundOpensItWithNoOffersCounted(DispatchStatus from) {
        Dispatch reopened = in(from, 3).reopen();

        assertThat(reopened.status()).isEqualTo(DispatchStatus.OPEN);
        assertThat(reopened.offersMade()).isZero();
    }

    private static Dispatch in(DispatchStatus status, int offersMade) {
        Dispatch open = Dispatch.imagined("HOUSEHOLD_HELP", "NORMAL", "C01", "G1");
        return new Dispatch(open.requestId(), open.categoryCode(), open.urgency(), status, offersMade, open.compoundCode(),
                open.gridCode(), open.requesterId(), null, null, null, open.place(), null);
    }
}
