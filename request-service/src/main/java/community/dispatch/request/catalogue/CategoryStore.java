package community.dispatch.request.catalogue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code category}. */
@Component
@RequiredArgsConstructor
class CategoryStore {

    private static final TypeReference<List<Category.Attribute>> ATTRIBUTES = new TypeReference<>() { };

    private final DatabaseClient database;
    private final JsonMapper json;

    /** Every category, active or not, in the catalogue's order. */
    Flux<Category> all() {
        return database.sql("SELECT * FROM category ORDER BY group_code, code").map(this::read).all();
    }

    Mono<Long> insert(Category category) {
        return database.sql("""
                        INSERT INTO category (code, name_zh, name_zh_hant, name_en, group_code, description, keywords, attributes,
                                              sla_class, route, active)
                        VALUES (:code, :zh, :zhHant, :en, :group, :description, :keywords, :attributes, :sla, :route, :active)""")
                .bindValues(values(category)).fetch().rowsUpdated();
    }

    /** Replaces the category if it is still at {@code expectedVersion} (any version when null); answers how many rows changed. */
    Mono<Long> replace(Category category, Long expectedVersion) {
        Map<String, Object> values = values(category);
        values.put("expected", expectedVersion == null ? -1L : expectedVersion);
        return database.sql("""
                        UPDATE category SET name_zh = :zh, name_zh_hant = :zhHant, name_en = :en, group_code = :group, description = :description,
                               keywords = :keywords, attributes = :attributes, sla_class = :sla, route = :route,
                               active = :active, version = version + 1, updated_at = now()
                        WHERE code = :code AND (:expected = -1 OR version = :expected)""")
                .bindValues(values).fetch().rowsUpdated();
    }

    /** Flags whether the category's details are public; answers whether it exists. */
    Mono<Boolean> publish(String code, boolean publicDetails) {
        return database.sql("""
                        UPDATE category SET public_details = :public, version = version + 1, updated_at = now() WHERE code = :code""")
                .bind("public", publicDetails).bind("code", code).fetch().rowsUpdated().map(updated -> updated > 0);
    }

    private Map<String, Object> values(Category category) {
        Map<String, Object> values = new HashMap<>(Map.of("code", category.code(), "zh", category.nameZh(), "en", category.nameEn(),
                "group", category.group(), "description", category.description(),
                "keywords", category.keywords().toArray(String[]::new),
                "attributes", Json.of(json.writeValueAsString(category.attributes())), "sla", category.slaClass().name(),
                "route", category.route().name(), "active", category.active()));
        values.put("zhHant", Parameter.fromOrEmpty(category.nameZhHant(), String.class));
        return values;
    }

    private Category read(Readable row) {
        return new Category(row.get("code", String.class), row.get("name_zh", String.class), row.get("name_zh_hant", String.class),
                row.get("name_en", String.class), row.get("group_code", String.class),
                row.get("description", String.class), Arrays.asList(row.get("keywords", String[].class)),
                json.readValue(row.get("attributes", Json.class).asString(), ATTRIBUTES),
                Urgency.valueOf(row.get("sla_class", String.class)), Category.Route.valueOf(row.get("route", String.class)),
                Boolean.TRUE.equals(row.get("active", Boolean.class)), Boolean.TRUE.equals(row.get("public_details", Boolean.class)),
                row.get("version", Long.class));
    }
}
