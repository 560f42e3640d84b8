package community.dispatch.request.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import community.dispatch.request.catalogue.Category.AllowedValue;
import community.dispatch.request.catalogue.Category.AnswerError;
import community.dispatch.request.catalogue.Category.Attribute;
import community.dispatch.request.catalogue.Category.Datatype;

class CategoryTest {

    private final Category childcare = new Category("childcare", "看护", "看護", "Childcare", "family", "…", List.of(),
            List.of(new Attribute("when", "When", Datatype.DATETIME, true, 2, null),
                    new Attribute("children", "How many", Datatype.NUMBER, true, 1, null),
                    new Attribute("needs", "Needs", Datatype.MULTI_VALUE_LIST, false, 3,
                            List.of(new AllowedValue("meal", "Meal"), new AllowedValue("nap", "Nap"))),
                    new Attribute("kind", "Kind", Datatype.SINGLE_VALUE_LIST, false, 4,
                            List.of(new AllowedValue("home", "At home"))),
                    new Attribute("note", "Note", Datatype.TEXT, false, 5, null)),
            Urgency.URGENT, Category.Route.DISPATCH, true, false, 0);

    @Test
    void attributesAreKeptInTheirOrder() {
        assertThat(childcare.attributes()).extracting(Attribute::code).containsExactly("children", "when", "needs", "kind", "note");
    }

    @Test
    void goodAnswersPass() {
        assertThat(childcare.check(Map.of("children", 2, "when", "2026-11-28T18:00:00+08:00",
                "needs", List.of("meal", "nap"), "kind", "home", "note", "allergic to peanuts"))).isEmpty();
    }

    @Test
    void eachKindOfWrongAnswerIsNamed() {
        List<AnswerError> errors = childcare.check(Map.of("children", "two", "when", "tomorrow evening",
                "needs", List.of("meal", "bath"), "kind", "away", "colour", "red"));

        assertThat(errors).extracting(AnswerError::field).containsExactlyInAnyOrder("attributes.colour",
                "attributes.children", "attributes.when", "attributes.needs", "attributes.kind");
        assertThat(errors).filteredOn(e -> e.field().equals("attributes.kind")).extracting(AnswerError::message)
                .containsExactly("must be one of [home]");
    }

    @Test
    void requiredAnswersMustBeThere() {
        assertThat(childcare.check(Map.of("when", " "))).extracting(AnswerError::field)
                .containsExactlyInAnyOrder("attributes.children", "attributes.when");
    }

    @Test
    void theDisplayNameFollowsTheLanguage() {
        assertThat(childcare.name("zh-CN")).isEqualTo("看护");
        assertThat(childcare.name("zh-TW")).isEqualTo("看護");
        assertThat(childcare.name("en")).isEqualTo("Childcare");
        assertThat(childcare.name(null)).isEqualTo("Childcare");
    }
}
