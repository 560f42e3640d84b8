package community.dispatch.volunteer.teams;

import java.util.List;

import community.dispatch.web.language.Language;

/**
 * A volunteer team (志愿服务队伍): its names (Simplified Chinese, Traditional when it has been given, English),
 * what it does, its home station (a Chinese name, Simplified and Traditional) and the categories it serves.
 */
public record Team(String key, String nameZh, String nameZhHant, String nameEn, String description, String stationZh,
        String stationZhHant, List<String> categories) {

    /** The name for an {@code Accept-Language} ({@link Language}). */
    public String name(String language) {
        return Language.of(language).pick(nameZh, nameZhHant, nameEn);
    }

    /** The station's name for an {@code Accept-Language}: Traditional for those who ask for it, Simplified otherwise. */
    public String station(String language) {
        return Language.of(language).pick(stationZh, stationZhHant, stationZh);
    }
}
