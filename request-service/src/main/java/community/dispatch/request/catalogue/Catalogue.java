package community.dispatch.request.catalogue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.web.problem.DomainProblem;
import community.dispatch.request.requests.Urgency;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The categories, kept in {@code category}; admins change them, everyone reads them. */
@Component
public class Catalogue {

    private static final TypeReference<List<Category.Attribute>> ATTRIBUTES = new TypeReference<>() { };

    private final DatabaseClient database;
    private final JsonMapper json;

    public Catalogue(DatabaseClient database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    public Flux<Category> all(boolean includeInactive) {
        return database.sql("SELECT * FROM category" + (includeInactive ? "" : " WHERE active") + " ORDER BY group_code, code")
                .map(this::read).all();
    }

    public Mono<Category> find(String code) {
        return database.sql("SELECT * FROM category WHERE code = :code").bind("code", code).map(this::read).one();
    }

    /** The category a new request may use: it must exist and be active. */
    public Mono<Category> forNewRequest(String code) {
        return find(code).filter(Category::active).switchIfEmpty(Mono.error(() -> new DomainProblem(
                HttpStatus.BAD_REQUEST, "unknown-category", "There is no active category '" + code + "'.",
                Map.of("errors", List.of(Map.of("field", "categoryCode", "message", "is not an active category"))))));
    }

    public Mono<Category> create(Category category) {
        return find(category.code())
                .flatMap(existing -> Mono.<Category>error(new DomainProblem(HttpStatus.CONFLICT, "category-exists",
                        "Category '" + category.code() + "' exists already.")))
                .switchIfEmpty(Mono.defer(() -> database.sql("""
                                INSERT INTO category (code, name_zh, name_en, group_code, description, keywords, attributes,
                                                      sla_class, route, active)
                                VALUES (:code, :zh, :en, :group, :description, :keywords, :attributes, :sla, :route, :active)""")
                        .bind("code", category.code()).bind("zh", category.nameZh()).bind("en", category.nameEn())
                        .bind("group", category.group()).bind("description", category.description())
                        .bind("keywords", category.keywords().toArray(String[]::new))
                        .bind("attributes", Json.of(json.writeValueAsString(category.attributes())))
                        .bind("sla", category.slaClass().name()).bind("route", category.route().name())
                        .bind("active", category.active())
                        .fetch().rowsUpdated()
                        .then(find(category.code()))));
    }

    /** Replaces a category if it still has {@code expectedVersion} (when given). */
    public Mono<Category> replace(Category category, Long expectedVersion) {
        DatabaseClient.GenericExecuteSpec update = database.sql("""
                        UPDATE category SET name_zh = :zh, name_en = :en, group_code = :group, description = :description,
                               keywords = :keywords, attributes = :attributes, sla_class = :sla, route = :route,
                               active = :active, version = version + 1, updated_at = now()
                        WHERE code = :code""" + (expectedVersion == null ? "" : " AND version = :expected"));
        if (expectedVersion != null) {
            update = update.bind("expected", expectedVersion);
        }
        return update
                .bind("code", category.code()).bind("zh", category.nameZh()).bind("en", category.nameEn())
                .bind("group", category.group()).bind("description", category.description())
                .bind("keywords", category.keywords().toArray(String[]::new))
                .bind("attributes", Json.of(json.writeValueAsString(category.attributes())))
                .bind("sla", category.slaClass().name()).bind("route", category.route().name())
                .bind("active", category.active())
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 1 ? find(category.code()) : find(category.code())
                        .flatMap(existing -> Mono.<Category>error(new DomainProblem(HttpStatus.PRECONDITION_FAILED,
                                "stale-category", "Category '" + category.code() + "' changed since you read it.")))
                        .switchIfEmpty(Mono.error(() -> notFound(category.code()))));
    }

    static DomainProblem notFound(String code) {
        return new DomainProblem(HttpStatus.NOT_FOUND, "category-not-found", "There is no category '" + code + "'.");
    }

    private Category read(Readable row) {
        return new Category(row.get("code", String.class), row.get("name_zh", String.class),
                row.get("name_en", String.class), row.get("group_code", String.class),
                row.get("description", String.class), Arrays.asList(row.get("keywords", String[].class)),
                json.readValue(row.get("attributes", Json.class).asString(), ATTRIBUTES),
                Urgency.valueOf(row.get("sla_class", String.class)), Category.Route.valueOf(row.get("route", String.class)),
                Boolean.TRUE.equals(row.get("active", Boolean.class)), row.get("version", Long.class));
    }
}
