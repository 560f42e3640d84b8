package community.dispatch.web.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {

    @ParameterizedTest(name = "Accept-Language \"{0}\" → {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null | EN",
            "'' | EN",
            "zh-CN | ZH_HANS",
            "zh | ZH_HANS",
            "zh-Hans | ZH_HANS",
            "zh-Hans-CN | ZH_HANS",
            "zh-SG | ZH_HANS",
            "zh-TW | ZH_HANT",
            "zh-HK | ZH_HANT",
            "zh-MO | ZH_HANT",
            "zh-Hant | ZH_HANT",
            "zh-Hant-TW | ZH_HANT",
            "en-US | EN",
            "en | EN",
            "fr-FR | EN",
            "'fr-FR, zh-TW;q=0.8, en;q=0.5' | ZH_HANT",
            "'en;q=0.4, zh-CN;q=0.9' | ZH_HANS",
            "'zh-CN;q=0, en' | EN",
            "'*' | EN",
            "';;;not a header' | EN" })
    void theCallersFirstKnownPreferenceWins(String header, Language expected) {
        assertThat(Language.of(header)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Accept-Language \"{0}\", Simplified unless it says → {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null | ZH_HANS",
            "'' | ZH_HANS",
            "en | EN",
            "zh-TW | ZH_HANT",
            "fr | EN" })
    void withoutAHeaderTheCallersDefaultApplies(String header, Language expected) {
        assertThat(Language.of(header, Language.ZH_HANS)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "ZH_HANS | 织女 | 織女 | Weaver | 织女",
            "ZH_HANT | 织女 | 織女 | Weaver | 織女",
            "ZH_HANT | 织女 | null | Weaver | 织女",
            "EN | 织女 | 織女 | Weaver | Weaver" })
    void eachLanguagePicksItsTextTraditionalFallingBackToSimplified(Language language, String hans, String hant, String en,
            String expected) {
        assertThat(language.pick(hans, hant, en)).isEqualTo(expected);
    }
}
