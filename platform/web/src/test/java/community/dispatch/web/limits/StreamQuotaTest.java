package community.dispatch.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamQuotaTest {

    @Test
    void aCallerHoldsAFewStreamsAndAnotherOnceOneCloses() {
        StreamQuota quota = new StreamQuota(3, 100);

        assertThat(quota.open("ann")).isTrue();
        assertThat(quota.open("ann")).isTrue();
        assertThat(quota.open("ann")).isTrue();
        assertThat(quota.open("ann")).as("a fourth").isFalse();
        assertThat(quota.open("bo")).as("someone else is not held back").isTrue();

        quota.close("ann");
        assertThat(quota.open("ann")).isTrue();
    }

    @Test
    void theProcessHoldsAtMostItsShareInAllWhoeverAsks() {
        StreamQuota quota = new StreamQuota(3, 2);

        assertThat(quota.open("ann")).isTrue();
        assertThat(quota.open("bo")).isTrue();
        assertThat(quota.open("cy")).isFalse();

        quota.close("bo");
        assertThat(quota.open("cy")).isTrue();
    }
}
