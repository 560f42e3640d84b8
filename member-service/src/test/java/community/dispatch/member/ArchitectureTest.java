package community.dispatch.member;

import community.dispatch.testing.ArchitectureTestSupport;

/** The structure this deployable keeps; see {@link community.dispatch.testing.ArchitectureRules}. */
class ArchitectureTest extends ArchitectureTestSupport {

    ArchitectureTest() {
        super("member");
    }
}
