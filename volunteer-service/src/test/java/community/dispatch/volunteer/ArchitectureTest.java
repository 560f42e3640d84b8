package community.dispatch.volunteer;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import community.dispatch.testing.ArchitectureRules;

/** The structure this deployable keeps; see {@link ArchitectureRules}. */
class ArchitectureTest {

    private static final ArchitectureRules RULES = ArchitectureRules.of("volunteer");
    private static final JavaClasses CLASSES = RULES.classes();

    @Test
    void domainIsPlainJava() {
        RULES.domainIsPlainJava().allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void onlyStoresUseTheDatabase() {
        RULES.onlyStoresUseTheDatabase().allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void controllersDoNotUseStores() {
        // Not yet: these still read volunteer profiles and team membership straight from VolunteerStore
        // (the team-scoped access policy of issue 11 is where that moves).
        RULES.controllersDoNotUseStores("HoursController", "OrdersController", "TeamsController").allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void featuresAreFreeOfCycles() {
        RULES.featuresAreFreeOfCycles().allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void usesNoOtherServiceCode() {
        RULES.noOtherServiceCode().check(CLASSES);
    }
}
