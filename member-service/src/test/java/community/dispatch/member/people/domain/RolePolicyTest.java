package community.dispatch.member.people.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolePolicyTest {

    private static final UUID SOMEONE = UUID.randomUUID();

    /** caller's roles, target's roles before, after (- for a new member), allowed. */
    @ParameterizedTest(name = "{0} makes {1} into {2}: {3}")
    @CsvSource(delimiter = ';', textBlock = """
            STAFF; -; RESIDENT; true
            STAFF; -; RESIDENT VOLUNTEER TEAM_LEADER GRID_WORKER; true
            STAFF; -; STAFF; false
            STAFF; -; ADMIN; false
            STAFF; RESIDENT; RESIDENT VOLUNTEER; true
            STAFF; RESIDENT; RESIDENT STAFF; false
            STAFF; STAFF; STAFF ADMIN; false
            STAFF; STAFF; RESIDENT; false
            STAFF; ADMIN; RESIDENT; false
            ADMIN; -; STAFF; true
            ADMIN; -; ADMIN; true
            ADMIN; RESIDENT; STAFF; true
            ADMIN; STAFF; RESIDENT; true
            ADMIN; ADMIN STAFF; STAFF; true
            TEAM_LEADER; RESIDENT; RESIDENT VOLUNTEER; false
            GRID_WORKER; RESIDENT; RESIDENT GRID_WORKER; false
            RESIDENT; RESIDENT; RESIDENT ADMIN; false
            """)
    void rolesAreGrantedOnlyAsTheCommunitysStructureAllows(String caller, String before, String after, boolean allowed) {
        Set<Role> was = before.equals("-") ? null : roles(before);

        assertThat(RolePolicy.mayGrant(caller(caller, UUID.randomUUID()), SOMEONE, was, roles(after)).isEmpty())
                .isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} manages someone with {1}: {2}")
    @CsvSource(delimiter = ';', textBlock = """
            STAFF; RESIDENT; true
            STAFF; VOLUNTEER TEAM_LEADER; true
            STAFF; GRID_WORKER; true
            STAFF; STAFF; false
            STAFF; ADMIN; false
            ADMIN; STAFF; true
            ADMIN; ADMIN; true
            TEAM_LEADER; RESIDENT; false
            RESIDENT; RESIDENT; false
            """)
    void onlyAdminsManageStaffAndAdmins(String caller, String target, boolean allowed) {
        assertThat(RolePolicy.mayManage(caller(caller, UUID.randomUUID()), roles(target)).isEmpty()).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({ "true, false", "false, true" })
    void anAdminDoesNotTakeAdminFromThemself(boolean self, boolean allowed) {
        UUID admin = UUID.randomUUID();
        UUID target = self ? admin : UUID.randomUUID();

        assertThat(RolePolicy.mayGrant(caller("ADMIN STAFF", admin), target, roles("ADMIN STAFF"), roles("STAFF")).isEmpty())
                .isEqualTo(allowed);
    }

    static Editor caller(String roles, UUID id) {
        return new Editor(id.toString(), Arrays.stream(roles.split(" ")).collect(Collectors.toSet()));
    }

    static Set<Role> roles(String names) {
        return Arrays.stream(names.split(" ")).map(Role::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }
}
