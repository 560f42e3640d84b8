package community.dispatch.member.people.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;
import java.util.UUID;

/**
 * One person of the community. {@code home} is where they live, if known; {@code partyKind} and
 * {@code partyBranchId} are both present for party members and both absent otherwise.
 */
public record Member(
        UUID id,
        String name,
        String phone,
        Home home,
        Set<Role> roles,
        UUID partyBranchId,
        PartyKind partyKind,
        boolean leadership,
        boolean active,
        String username,
        long version) {

    public Member {
        roles = Set.copyOf(roles);
        if ((partyBranchId == null) != (partyKind == null)) {
            throw new IllegalArgumentException("a party member needs both a branch and a kind");
        }
    }

    /** A household: unit in a building of a compound, and the grid that covers the building. */
    public record Home(UUID unitId, @Schema(example = "C05") String compoundCode, @Schema(example = "5") String buildingCode,
            @Schema(example = "301") String unitCode, @Schema(example = "G03") String gridCode,
            @Schema(example = "33.9596", description = "Where the building is (WGS 84), once an admin placed it") Double latitude,
            @Schema(example = "116.7943") Double longitude) {

        /** A home known by its unit (the rest is read from the register). */
        public Home(UUID unitId, String compoundCode, String buildingCode, String unitCode, String gridCode) {
            this(unitId, compoundCode, buildingCode, unitCode, gridCode, null, null);
        }

        /** The building as events name it: {@code <compound>/<building>}; null when not known. */
        public String building() {
            return compoundCode == null || buildingCode == null ? null : compoundCode + "/" + buildingCode;
        }
    }

    public Member withVersion(long newVersion) {
        return new Member(id, name, phone, home, roles, partyBranchId, partyKind, leadership, active, username,
                newVersion);
    }
}
