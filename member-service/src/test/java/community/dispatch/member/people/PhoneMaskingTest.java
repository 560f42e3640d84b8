package community.dispatch.member.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneMaskingTest {

    @Test
    void showsOnlyTheFirstThreeAndLastFourDigits() {
        assertThat(PhoneMasking.mask("13812345678")).isEqualTo("138****5678");
        assertThat(PhoneMasking.mask("123456")).isEqualTo("******");
        assertThat(PhoneMasking.mask(null)).isNull();
    }
}
