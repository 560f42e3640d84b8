package community.dispatch.request;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import community.dispatch.testing.ArchitectureRules;

/** The structure this deployable keeps; see {@link ArchitectureRules}. */
class ArchitectureTest {

    private static final ArchitectureRules RULES = ArchitectureRules.of("request");
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
        RULES.controllersDoNotUseStores().allowEmptyShould(true).check(CLASSES);
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
