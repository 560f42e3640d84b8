package community.dispatch.web.language;

import java.util.List;
import java.util.Locale;

/**
 * The languages names and texts are given in, chosen by a caller's {@code Accept-Language}: Simplified
 * Chinese (the community's own; {@code zh}, {@code zh-CN}, {@code zh-Hans}, {@code zh-SG}), Traditional
 * Chinese ({@code zh-TW}, {@code zh-HK}, {@code zh-MO}, {@code zh-Hant}) and English, the default when the
 * header names none of them. The caller's first preference (by {@code q}) that is one of them wins.
 */
public enum Language {

    ZH_HANS("zh-Hans"), ZH_HANT("zh-Hant"), EN("en");

    private static final List<String> TRADITIONAL_REGIONS = List.of("zh-tw", "zh-hk", "zh-mo");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag, for {@code Content-Language}. */
    public String tag() {
        return tag;
    }

    /** The language for an {@code Accept-Language} header (null, blank or malformed: English). */
    public static Language of(String acceptLanguage) {
        return of(acceptLanguage, EN);
    }

    /**
     * The language for an {@code Accept-Language} header; {@code otherwise} when there is none (or it cannot be
     * read), e.g. Simplified Chinese for a text message to a resident's phone.
     */
    public static Language of(String acceptLanguage, Language otherwise) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return otherwise;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        }
        catch (IllegalArgumentException malformed) {
            return otherwise;
        }
        for (Locale.LanguageRange range : ranges) {
            String wanted = range.getRange().toLowerCase(Locale.ROOT);
            if (range.getWeight() == 0) {
                continue;
            }
            if (wanted.equals("zh") || wanted.startsWith("zh-")) {
                return wanted.startsWith("zh-hant") || TRADITIONAL_REGIONS.stream().anyMatch(wanted::startsWith) ? ZH_HANT : ZH_HANS;
            }
            if (wanted.equals("en") || wanted.startsWith("en-") || wanted.equals("*")) {
                return EN;
            }
        }
        return EN;
    }

    /** The text in this language: Traditional falls back to Simplified where a text has no Traditional form. */
    public String pick(String simplified, String traditional, String english) {
        return switch (this) {
            case ZH_HANS -> simplified;
            case ZH_HANT -> traditional == null || traditional.isBlank() ? simplified : traditional;
            case EN -> english;
        };
    }
}
