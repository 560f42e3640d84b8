package community.dispatch.member.places;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.kit.time.CommunityCalendar;
import community.dispatch.member.people.MemberDirectory;
import community.dispatch.member.people.MemberDirectory;
import community.dispatch.member.people.domain.Role;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The community's places and organisations: compounds (小區) with their buildings and units, grids
 * (網格) with their buildings and the people staff assigned to serve them (a grid worker and the five
 * chiefs), and the organisations.
 */
@Service
@RequiredArgsConstructor
class Places {

    private static final String POST_ASSIGNED = "grid.post-assigned";
    private static final String POST_REMOVED = "grid.post-removed";
    private static final String BUILDING_LOCATED = "building.located";

    private final PlaceStore store;
    private final MemberDirectory members;
    private final MemberDirectory directory;
    private final CommunityCalendar calendar;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;

    Mono<List<Grid>> grids() {
        return store.grids().collectList();
    }

    /** One grid with its buildings and five chiefs. */
    Mono<GridDetail> grid(String code) {
        return store.grids().filter(grid -> grid.code().equals(code)).next()
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("grid-not-found", "There is no grid " + code + ".")))
                .flatMap(found -> Mono.zip(store.buildingsOf(found.id()).collectList(), store.chiefsOf(found.id()).collectList())
                        .map(parts -> new GridDetail(found, parts.getT1(), parts.getT2())));
    }

    /** The posts a grid has: its grid worker and the five chiefs. */
    enum Post {
        GRID, ROAD, LANE, BUILDING, SHOP
    }

    /**
     * Staff give a grid worker a post in a grid; the grids someone serves decide what they see, so it is
     * audited. The member must be an active grid worker.
     */
    Mono<GridDetail> assignPost(String grid, UUID member, Post post, String answersFor, Caller caller) {
        Map<String, Object> after = Map.of("grid", grid, "post", post.name());
        if (!caller.isStaff()) {
            return audit.refused(caller, POST_ASSIGNED, member.toString(), null, after,
                    DomainException.forbidden("Only staff assign grid workers and the five chiefs."));
        }
        return transactions.transactional(store.gridId(grid)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("grid-not-found", "There is no grid " + grid + ".")))
                .flatMap(gridId -> members.find(member)
                        .filter(found -> found.active() && found.roles().contains(Role.GRID_WORKER))
                        .switchIfEmpty(Mono.error(() -> DomainException.invalid("not-a-grid-worker",
                                "Member " + member + " is not an active grid worker.")))
                        .then(store.assignPost(gridId, member, post.name(), answersFor)))
                .then(audit.done(caller, POST_ASSIGNED, member.toString(), null, after)))
                .then(grid(grid));
    }

    /** Staff take a post away. */
    Mono<GridDetail> removePost(String grid, UUID member, Post post, Caller caller) {
        Map<String, Object> before = Map.of("grid", grid, "post", post.name());
        if (!caller.isStaff()) {
            return audit.refused(caller, POST_REMOVED, member.toString(), before, null,
                    DomainException.forbidden("Only staff assign grid workers and the five chiefs."));
        }
        return transactions.transactional(store.gridId(grid)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("grid-not-found", "There is no grid " + grid + ".")))
                .flatMap(gridId -> store.removePost(gridId, member, post.name()))
                .flatMap(removed -> removed ? audit.done(caller, POST_REMOVED, member.toString(), before, null)
                        : Mono.error(DomainException.notFound("post-not-found",
                                "Member " + member + " has no " + post + " post in grid " + grid + "."))))
                .then(grid(grid));
    }

    /**
     * An admin places a building (within the community's area); the members living there are told of again,
     * so that dispatch measures from where they live. Audited.
     */
    Mono<Building> locate(String compound, String building, double latitude, double longitude, Caller caller) {
        if (!calendar.area().contains(latitude, longitude)) {
            return Mono.error(DomainException.invalidField("latitude", "the place is outside the community's area"));
        }
        Map<String, Object> after = Map.of("latitude", latitude, "longitude", longitude);
        return transactions.transactional(store.locate(compound, building, latitude, longitude)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("building-not-found",
                        "Compound " + compound + " has no building " + building + ".")))
                .flatMap(placed -> directory.homesMoved(placed.id())
                        .then(audit.done(caller, BUILDING_LOCATED, compound + "/" + building, null, after))
                        .thenReturn(placed)));
    }

    Mono<List<Compound>> compounds() {
        return store.compounds().collectList();
    }

    Mono<List<Unit>> units(String compound) {
        return store.unitsOf(compound).collectList();
    }

    Mono<List<Organisation>> organisations() {
        return store.organisations().collectList();
    }

    record Grid(UUID id, @Schema(example = "G01") String code, @Schema(example = "第一网格") String nameZh,
            @Schema(example = "Grid 1") String nameEn, @Schema(example = "12") long buildings) {
    }

    record GridDetail(Grid grid, List<Building> buildings, List<Chief> chiefs) {
    }

    record Building(UUID id, @Schema(example = "C01") String compound, @Schema(example = "1") String code,
            @Schema(example = "33.956", description = "Where it stands (WGS 84); absent until an admin placed it") Double latitude,
            @Schema(example = "116.79") Double longitude) {
    }

    record Chief(UUID memberId, @Schema(example = "周丽") String name, @Schema(example = "GRID") String kind,
            @Schema(example = "网格 G01") String answersFor) {
    }

    record Compound(UUID id, @Schema(example = "C01") String code, @Schema(example = "相桥花园") String nameZh,
            @Schema(example = "Xiangqiao Garden") String nameEn, @Schema(example = "6") long buildings) {
    }

    record Unit(UUID id, @Schema(example = "C05") String compound, @Schema(example = "5") String building,
            @Schema(example = "301") String code) {
    }

    record Organisation(UUID id, @Schema(example = "PARTY-G01") String code, @Schema(example = "GRID_PARTY_BRANCH") String kind,
            @Schema(example = "第一网格党支部") String nameZh, @Schema(example = "Grid 1 party branch") String nameEn,
            @Schema(example = "PARTY-PROPERTY") String parent, @Schema(example = "G01") String grid) {
    }
}
