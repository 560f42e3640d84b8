package community.dispatch.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The structure checks every deployable runs against its own classes ({@link ArchitectureRules}). A
 * deployable's {@code ArchitectureTest} extends this and names its package. One instance runs every check, so the
 * classes are imported once per deployable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ArchitectureTestSupport {

    private final ArchitectureRules rules;
    private final JavaClasses classes;

    protected ArchitectureTestSupport(String deployable) {
        this.rules = ArchitectureRules.of(deployable);
        this.classes = rules.classes();
    }

    @Test
    void domainIsPlainJava() {
        rules.domainIsPlainJava().check(classes);
    }

    @Test
    void onlyStoresUseTheDatabase() {
        rules.onlyStoresUseTheDatabase().allowEmptyShould(true).check(classes);
    }

    @Test
    void controllersDoNotUseStores() {
        rules.controllersDoNotUseStores().allowEmptyShould(true).check(classes);
    }

    @Test
    void storesStayInTheirFeature() {
        rules.storesStayInTheirFeature().check(classes);
    }

    @Test
    void featuresAreFreeOfCycles() {
        rules.featuresAreFreeOfCycles().allowEmptyShould(true).check(classes);
    }

    @Test
    void usesNoOtherServiceCode() {
        rules.noOtherServiceCode().check(classes);
    }
}
