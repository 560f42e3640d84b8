package community.dispatch.member.people;

import java.util.Set;
import java.util.UUID;
import community.dispatch.member.people.domain.Role;
import community.dispatch.member.people.domain.PartyKind;

/** What registering a member takes; {@code id} may be given (demo data), otherwise one is made. */
public record NewMember(UUID id, String name, String phone, UUID unitId, Set<Role> roles, UUID partyBranchId,
        PartyKind partyKind, boolean leadership, String username, String password) {

    NewMember withId(UUID newId) {
        return new NewMember(newId, name, phone, unitId, roles, partyBranchId, partyKind, leadership, username, password);
    }
}
