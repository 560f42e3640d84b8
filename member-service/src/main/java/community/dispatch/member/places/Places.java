package community.dispatch.member.places;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import community.dispatch.errors.DomainException;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The community's places and organisations, read-only: compounds (小區) with their buildings and
 * units, grids (網格) with their buildings and five chiefs, and the organisations.
 */
@Service
@RequiredArgsConstructor
class Places {

    private final PlaceStore store;

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

    Mono<List<Compound>> compounds() {
        return store.compounds().collectList();
    }

    Mono<List<Unit>> units(String compound) {
        return store.unitsOf(compound).collectList();
    }

    Mono<List<Organisation>> organisations() {
        return store.organisations().collectList();
    }

    record Grid(UUID id, @Schema(example = "G01") String code, @Schema(example = "第一網格") String nameZh,
            @Schema(example = "Grid 1") String nameEn, @Schema(example = "12") long buildings) {
    }

    record GridDetail(Grid grid, List<Building> buildings, List<Chief> chiefs) {
    }

    record Building(UUID id, @Schema(example = "C01") String compound, @Schema(example = "1") String code) {
    }

    record Chief(UUID memberId, @Schema(example = "周麗") String name, @Schema(example = "GRID") String kind,
            @Schema(example = "網格 G01") String answersFor) {
    }

    record Compound(UUID id, @Schema(example = "C01") String code, @Schema(example = "相橋花園") String nameZh,
            @Schema(example = "Xiangqiao Garden") String nameEn, @Schema(example = "6") long buildings) {
    }

    record Unit(UUID id, @Schema(example = "C05") String compound, @Schema(example = "5") String building,
            @Schema(example = "301") String code) {
    }

    record Organisation(UUID id, @Schema(example = "PARTY-G01") String code, @Schema(example = "GRID_PARTY_BRANCH") String kind,
            @Schema(example = "第一網格黨支部") String nameZh, @Schema(example = "Grid 1 party branch") String nameEn,
            @Schema(example = "PARTY-PROPERTY") String parent, @Schema(example = "G01") String grid) {
    }
}
