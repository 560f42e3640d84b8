package community.dispatch.member.people.domain;

import static community.dispatch.member.people.domain.RolePolicyTest.caller;
import static community.dispatch.member.people.domain.RolePolicyTest.roles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import community.dispatch.errors.DomainException;

class MemberEditTest {

    private static final UUID MEMBER = UUID.randomUUID();
    private static final Member VOLUNTEER = new Member(MEMBER, "Wang Fang", "13800000001", null, roles("RESIDENT VOLUNTEER"),
            null, null, false, true, "wangfang", 4);
    private static final Member STAFF_MEMBER = new Member(MEMBER, "Li Na", "13800000002", null, roles("STAFF"), null, null,
            false, true, "lina", 4);

    /**
     * Who edits (SELF: the member, with the member's roles), what they change, and the outcome: an error code, or
     * "refused", or the action the audit trail records (with "quiet" when it is the member's own business).
     */
    @ParameterizedTest(name = "{0} changes {1}: {2}")
    @CsvSource(delimiter = ';', textBlock = """
            SELF; name; member.changed quiet
            SELF; unit; member.changed quiet
            SELF; phone; forbidden
            SELF; roles RESIDENT; forbidden
            SELF; deactivate; forbidden
            RESIDENT; name; member-not-found
            TEAM_LEADER; name; member-not-found
            GRID_WORKER; roles RESIDENT; member-not-found
            STAFF; name; member.changed
            STAFF; phone; member.changed
            STAFF; roles RESIDENT VOLUNTEER TEAM_LEADER; member.roles-changed
            STAFF; roles RESIDENT STAFF; refused
            STAFF; deactivate; member.deactivated
            STAFF; party; party-membership-incomplete
            ADMIN; roles STAFF; member.roles-changed
            """)
    void decidesWhoMayChangeWhat(String editor, String change, String outcome) {
        Editor who = editor.equals("SELF") ? new Editor(MEMBER.toString(), Set.of("RESIDENT", "VOLUNTEER"))
                : caller(editor, UUID.randomUUID());
        MemberChange asked = switch (change.split(" ")[0]) {
            case "name" -> new MemberChange("Wang Fang 王芳", null, null, null, null, null, null, null);
            case "unit" -> new MemberChange(null, null, UUID.randomUUID(), null, null, null, null, null);
            case "phone" -> new MemberChange(null, "13800000009", null, null, null, null, null, null);
            case "roles" -> new MemberChange(null, null, null, roles(change.substring(6)), null, null, null, null);
            case "party" -> new MemberChange(null, null, null, null, UUID.randomUUID(), null, null, null);
            case "deactivate" -> MemberChange.deactivation();
            default -> throw new IllegalArgumentException(change);
        };

        if (!outcome.startsWith("member.") && !outcome.equals("refused")) {
            assertThatThrownBy(() -> MemberEdit.of(VOLUNTEER, asked, null, who))
                    .isInstanceOfSatisfying(DomainException.class, refused -> assertThat(refused.code()).isEqualTo(outcome));
            return;
        }
        MemberEdit edit = MemberEdit.of(VOLUNTEER, asked, null, who);
        assertThat(edit.changes()).isTrue();
        if (outcome.equals("refused")) {
            assertThat(edit.refusal()).hasValue("Only admins grant STAFF or ADMIN.");
            return;
        }
        assertThat(edit.refusal()).isEmpty();
        assertThat(edit.action()).isEqualTo(outcome.split(" ")[0]);
        assertThat(edit.managing()).as("audited as staff's work").isEqualTo(!outcome.endsWith("quiet"));
    }

    @Test
    void staffDoNotManageStaffButAdminsDo() {
        MemberChange rename = new MemberChange("Li Na 李娜", null, null, null, null, null, null, null);

        assertThat(MemberEdit.of(STAFF_MEMBER, rename, null, caller("STAFF", UUID.randomUUID())).refusal())
                .hasValue("Only admins manage staff and admins.");
        assertThat(MemberEdit.of(STAFF_MEMBER, rename, null, caller("ADMIN", UUID.randomUUID())).refusal()).isEmpty();
    }

    @Test
    void aChangeReadFromAnOlderVersionIsStale() {
        MemberChange rename = new MemberChange("Wang Fang 王芳", null, null, null, null, null, null, null);

        assertThatThrownBy(() -> MemberEdit.of(VOLUNTEER, rename, 3L, caller("STAFF", UUID.randomUUID())))
                .isInstanceOfSatisfying(DomainException.class, stale -> assertThat(stale.code()).isEqualTo("stale-member"));
        assertThat(MemberEdit.of(VOLUNTEER, rename, 4L, caller("STAFF", UUID.randomUUID())).changes()).isTrue();
    }

    @Test
    void aChangeToWhatIsThereIsNoChange() {
        MemberEdit same = MemberEdit.of(VOLUNTEER, new MemberChange("Wang Fang", VOLUNTEER.phone(), null, null, null, null,
                null, true), null, caller("STAFF", UUID.randomUUID()));

        assertThat(same.changes()).isFalse();
        assertThat(same.newPhone()).isEmpty();
    }
}
