package community.dispatch.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;

import org.springframework.context.annotation.Configuration;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * The structure every deployable keeps (STYLE.md, habit 3 and the ones around it), as ArchUnit rules a
 * deployable's {@code ArchitectureTest} (see {@link ArchitectureTestSupport}) checks against its own classes:
 * <ul>
 * <li>each domain service (request, volunteer, member) has a {@code domain} package, and it is plain Java: no Spring,
 * R2DBC, Reactor or JSON types;</li>
 * <li>only {@code …Store} classes run SQL (({@code DatabaseClient})); configuration may wire one;</li>
 * <li>controllers do not reach for stores, nor for the types declared in one: they ask the feature's services;</li>
 * <li>a store is its feature's own: another feature goes through that feature's services, never its store (nor the
 * types declared in one);</li>
 * <li>feature packages do not depend on each other in a cycle;</li>
 * <li>a service never uses another service's code (only the event contracts).</li>
 * </ul>
 */
public final class ArchitectureRules {

    private static final String DATABASE_CLIENT = "org.springframework.r2dbc.core.DatabaseClient";
    private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";
    private static final Set<String> DEPLOYABLES = Set.of("request", "volunteer", "member", "gateway", "local");
    private static final Set<String> DOMAIN_SERVICES = Set.of("request", "volunteer", "member");

    private final String root;
    private final boolean domainService;

    private ArchitectureRules(String name) {
        this.root = "community.dispatch." + name;
        this.domainService = DOMAIN_SERVICES.contains(name);
    }

    /** The rules for the deployable whose code lives under {@code community.dispatch.<name>}. */
    public static ArchitectureRules of(String name) {
        return new ArchitectureRules(name);
    }

    /** The deployable's own production classes. */
    public JavaClasses classes() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(root);
    }

    public ArchRule domainIsPlainJava() {
        return noClasses().that().resideInAPackage(root + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.r2dbc..", "reactor..",
                        "tools.jackson..", "community.dispatch.kit..", "community.dispatch.web..")
                .orShould().dependOnClassesThat().resideOutsideOfPackages("java..", root + "..", "community.dispatch.events..",
                        "community.dispatch.errors..", "io.swagger.v3.oas.annotations..")
                .as("domain packages are plain Java: the JDK, the service's own types, event contracts, domain errors (and API doc annotations)")
                .allowEmptyShould(!domainService);
    }

    public ArchRule onlyStoresUseTheDatabase() {
        return noClasses().that().resideInAPackage(root + "..")
                .and(not(simpleNameEndingWith("Store")))
                .and().areNotAnnotatedWith(Configuration.class)
                .and().haveSimpleNameNotEndingWith("Configuration")
                .should().dependOnClassesThat().haveFullyQualifiedName(DATABASE_CLIENT)
                .as("only …Store classes use DatabaseClient");
    }

    public ArchRule controllersDoNotUseStores() {
        return noClasses().that().resideInAPackage(root + "..").and().areAnnotatedWith(REST_CONTROLLER)
                .should().dependOnClassesThat(STORE_OR_ITS_TYPES)
                .as("controllers ask the feature's services, never its stores (nor the rows and filters declared in one)");
    }

    /** A {@code …Store}, or a type declared inside one (at any depth). */
    private static final DescribedPredicate<JavaClass> STORE_OR_ITS_TYPES = new DescribedPredicate<>("a …Store or a type in one") {
        @Override
        public boolean test(JavaClass type) {
            for (JavaClass at = type; at != null; at = at.getEnclosingClass().orElse(null)) {
                if (at.getSimpleName().endsWith("Store")) {
                    return true;
                }
            }
            return false;
        }
    };

    public ArchRule storesStayInTheirFeature() {
        return ArchRuleDefinition.classes().that().resideInAPackage(root + "..").should(new ArchCondition<JavaClass>("use only their own feature's stores") {
            @Override
            public void check(JavaClass user, ConditionEvents events) {
                String feature = featureOf(user);
                user.getDirectDependenciesFromSelf().stream().map(Dependency::getTargetClass)
                        .filter(STORE_OR_ITS_TYPES).filter(store -> store.getPackageName().startsWith(root + "."))
                        .filter(store -> !featureOf(store).equals(feature)).map(JavaClass::getName).distinct()
                        .forEach(store -> events.add(SimpleConditionEvent.violated(user,
                                user.getName() + " (feature " + feature + ") uses " + store)));
            }
        }).as("a store is used only inside its own feature: other features ask the feature's services");
    }

    /** The feature a class of this deployable belongs to: the package right under the deployable's root. */
    private String featureOf(JavaClass type) {
        String rest = type.getPackageName().equals(root) ? "" : type.getPackageName().substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    public ArchRule featuresAreFreeOfCycles() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .as("feature packages of " + root + " depend on each other without cycles");
    }

    public ArchRule noOtherServiceCode() {
        String[] others = DEPLOYABLES.stream().map(name -> "community.dispatch." + name)
                .filter(other -> !other.equals(root)).map(other -> other + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .as(root + " uses no other deployable's code");
    }
}
