package community.dispatch.member.places;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The community's places and organisations, read-only (see {@link Places}). */
@RestController
@Tag(name = "Places and organisations", description = "Compounds, buildings and units; grids and their five chiefs; the party organisation and the four-in-one bodies")
@RequiredArgsConstructor
class PlacesController {

    private final Places places;

    @GetMapping("/api/v1/grids")
    @Operation(summary = "All grids")
    Mono<List<Places.Grid>> grids() {
        return places.grids();
    }

    @GetMapping("/api/v1/grids/{code}")
    @Operation(summary = "One grid with its buildings and five chiefs")
    Mono<Places.GridDetail> grid(@PathVariable String code) {
        return places.grid(code);
    }

    @GetMapping("/api/v1/places/compounds")
    @Operation(summary = "All compounds (小區)")
    Mono<List<Places.Compound>> compounds() {
        return places.compounds();
    }

    @GetMapping("/api/v1/places/compounds/{code}/units")
    @Operation(summary = "The units (households) of a compound", description = "What a home or a visit refers to.")
    Mono<List<Places.Unit>> units(@PathVariable String code) {
        return places.units(code);
    }

    @GetMapping("/api/v1/organisations")
    @Operation(summary = "All organisations", description = "The party general branch, property-company and grid branches, and the four-in-one bodies.")
    Mono<List<Places.Organisation>> organisations() {
        return places.organisations();
    }
}
