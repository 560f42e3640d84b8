package community.dispatch.member.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.member.people.domain.Member;
import community.dispatch.member.people.domain.Role;
import community.dispatch.member.people.domain.PartyKind;

class MemberDisclosureTest {

    private final Member resident = new Member(UUID.randomUUID(), "居民", "13800001234",
            new Member.Home(UUID.randomUUID(), "C01", "3", "201", "G01"), Set.of(Role.RESIDENT),
            UUID.randomUUID(), PartyKind.values()[0], true, true, null, 0);

    @Test
    void staffAndTheMemberThemselfSeeEverything() {
        assertThat(MemberDisclosure.of(resident, caller("STAFF"))).isEqualTo(new MemberDisclosure(true, true));
        assertThat(MemberDisclosure.of(resident, new Caller(resident.id().toString(), Set.of("RESIDENT"), "G01", "C01")))
                .isEqualTo(new MemberDisclosure(true, true));
    }

    @Test
    void theGridWorkerOfTheirGridSeesContactButNotPartyMembership() {
        assertThat(MemberDisclosure.of(resident, gridWorkerOf("G01"))).isEqualTo(new MemberDisclosure(true, false));
    }

    @Test
    void aGridWorkerElsewhereOrATeamLeaderSeesNeither() {
        assertThat(MemberDisclosure.of(resident, gridWorkerOf("G02"))).isEqualTo(new MemberDisclosure(false, false));
        assertThat(MemberDisclosure.of(resident, caller("TEAM_LEADER"))).isEqualTo(new MemberDisclosure(false, false));
        Caller livesThere = new Caller(UUID.randomUUID().toString(), Set.of("GRID_WORKER"), "G01", "C01");
        assertThat(MemberDisclosure.of(resident, livesThere)).as("a home in the grid is no post in it")
                .isEqualTo(new MemberDisclosure(false, false));
    }

    @Test
    void filtersCannotRevealWhatAnswersHide() {
        MemberFilter byParty = new MemberFilter(null, null, null, null, true, null, null);
        MemberFilter byOtherGrid = new MemberFilter(null, "G02", null, null, null, null, null);
        MemberFilter byCompound = new MemberFilter(null, null, "C01", null, null, null, null);

        assertThat(MemberDisclosure.boundedFilter(byParty, caller("STAFF"))).isEqualTo(byParty);
        assertThatThrownBy(() -> MemberDisclosure.boundedFilter(byParty, gridWorkerOf("G01"))).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> MemberDisclosure.boundedFilter(byOtherGrid, gridWorkerOf("G01"))).isInstanceOf(DomainException.class);
        assertThat(MemberDisclosure.boundedFilter(byCompound, gridWorkerOf("G01")).withinGrids()).containsExactly("G01");
        assertThat(MemberDisclosure.boundedFilter(byCompound, caller("TEAM_LEADER")).withinGrids()).isEmpty();
        assertThat(MemberDisclosure.boundedFilter(MemberFilter.none(), caller("TEAM_LEADER")).withinGrids()).isNull();
    }

    private static Caller caller(String role) {
        return new Caller(UUID.randomUUID().toString(), Set.of(role), null, null);
    }

    private static Caller gridWorkerOf(String grid) {
        return new Caller(UUID.randomUUID().toString(), Set.of("GRID_WORKER"), null, null, Set.of(grid));
    }
}
