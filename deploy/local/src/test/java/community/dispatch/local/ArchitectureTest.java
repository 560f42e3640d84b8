package community.dispatch.local;

import community.dispatch.testing.ArchitectureTestSupport;

/**
 * The single-node stack keeps the house rules too ({@link community.dispatch.testing.ArchitectureRules}): above all, it
 * starts the services' jars and never uses their code.
 */
class ArchitectureTest extends ArchitectureTestSupport {

    ArchitectureTest() {
        super("local");
    }
}
