package community.dispatch.member.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import community.dispatch.member.tokens.SigningKeyStore.StoredKey;
import community.dispatch.member.tokens.SigningKeys.Turn;

class SigningKeysTest {

    private static final Duration ROTATION = Duration.ofDays(30);

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    private static StoredKey madeAgo(String name, Duration age) {
        return new StoredKey(name, NOW.minus(age));
    }

    @Test
    void onTheVeryFirstStartTheOnlyKeySignsAtOnce() {
        StoredKey first = madeAgo("first", Duration.ZERO);

        assertThat(Turn.at(NOW, List.of(first), ROTATION)).isEqualTo(new Turn(first, false));
    }

    @Test
    void tenMinutesBeforeItsPeriodEndsAKeyGetsASuccessorButGoesOnSigning() {
        StoredKey old = madeAgo("old", ROTATION.minusMinutes(11));
        StoredKey due = madeAgo("due", ROTATION.minusMinutes(10));

        assertThat(Turn.at(NOW, List.of(old), ROTATION)).isEqualTo(new Turn(old, false));
        assertThat(Turn.at(NOW, List.of(due), ROTATION)).isEqualTo(new Turn(due, true));
    }

    @Test
    void aSuccessorSignsOnlyOnceItHasBeenPublishedForTenMinutes() {
        StoredKey old = madeAgo("old", ROTATION.plusMinutes(9));
        StoredKey young = madeAgo("successor", Duration.ofMinutes(9));
        StoredKey published = madeAgo("successor", Duration.ofMinutes(10));

        assertThat(Turn.at(NOW, List.of(young, old), ROTATION)).isEqualTo(new Turn(old, false));
        assertThat(Turn.at(NOW, List.of(published, old), ROTATION)).isEqualTo(new Turn(published, false));
    }

    @Test
    void aKeyLeftFromLongAgoSignsUntilItsSuccessorIsPublishedRatherThanBeingReplacedUnannounced() {
        StoredKey ancient = madeAgo("ancient", ROTATION.multipliedBy(3));

        assertThat(Turn.at(NOW, List.of(ancient), ROTATION)).isEqualTo(new Turn(ancient, true));
    }
}
