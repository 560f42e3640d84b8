package community.dispatch.volunteer.teams;

import java.util.List;

/** A volunteer team (志願服務隊伍): its names, what it does, its home station and the categories it serves. */
public record Team(String key, String nameZh, String nameEn, String description, String stationZh,
        List<String> categories) {

    public String name(String language) {
        return language != null && language.startsWith("zh") ? nameZh : nameEn;
    }
}
