package community.dispatch.member.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeySealTest {

    private static final String JWK = "{\"kty\":\"RSA\",\"d\":\"private-part\",\"n\":\"modulus\",\"e\":\"AQAB\"}";

    @Test
    void aSealedKeyHidesItsPrivatePartAndOpensWithTheSameSecretOnly() {
        String sealed = new KeySeal("one secret of sixteen+").seal(JWK);

        assertThat(sealed).startsWith("sealed:v1:").doesNotContain("private-part").doesNotContain("RSA");
        assertThat(new KeySeal("one secret of sixteen+").open(sealed)).isEqualTo(JWK);
        assertThatThrownBy(() -> new KeySeal("another secret, sixteen+").open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyStoredPlainByAnEarlierVersionIsReadAsItIs() {
        assertThat(new KeySeal("one secret of sixteen+").open(JWK)).isEqualTo(JWK);
        assertThat(KeySeal.isSealed(JWK)).isFalse();
    }

    @Test
    void whileTheSecretChangesKeysOpenWithEitherAndThoseUnderTheOldOneAreSealedAgain() {
        String underOld = new KeySeal("the old secret, sixteen+").seal(JWK);
        KeySeal changing = new KeySeal("the new secret, sixteen+", "the old secret, sixteen+");
        String underNew = changing.seal(changing.open(underOld));

        assertThat(changing.open(underOld)).isEqualTo(JWK);
        assertThat(changing.needsSealing(underOld)).isTrue();
        assertThat(changing.needsSealing(underNew)).isFalse();
        assertThat(changing.needsSealing(JWK)).isTrue();
        assertThat(new KeySeal("the new secret, sixteen+").open(underNew)).isEqualTo(JWK);
        assertThatThrownBy(() -> new KeySeal("the new secret, sixteen+").open(underOld)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutASecretTheServiceDoesNotStart() {
        assertThatThrownBy(() -> new KeySeal("")).hasMessageContaining("DISPATCH_SIGNING_KEY_SECRET");
        assertThatThrownBy(() -> new KeySeal("short")).hasMessageContaining("16 characters");
    }
}
