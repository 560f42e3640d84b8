package community.dispatch.member.places;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

import community.dispatch.kit.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

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
    @Operation(summary = "All grids", description = "The grids (網格) the community is divided into, with their codes.")
    Mono<List<Places.Grid>> grids() {
        return places.grids();
    }

    @GetMapping("/api/v1/grids/{code}")
    @Operation(summary = "One grid with its buildings and five chiefs", description = "The five chiefs (五長) are the grid workers staff gave posts in it: grid, road, lane, building and shop-street chiefs.")
    Mono<Places.GridDetail> grid(@PathVariable String code) {
        return places.grid(code);
    }

    @PutMapping("/api/v1/grids/{code}/posts/{memberId}")
    @Operation(summary = "Give a grid worker a post in a grid (staff)", description = """
            GRID (the grid worker) or one of the five chiefs (ROAD, LANE, BUILDING, SHOP). The grids a grid worker \
            holds posts in decide which requests they see — never where they live. Audited.""")
    Mono<Places.GridDetail> assignPost(@PathVariable String code, @PathVariable UUID memberId, @Valid @RequestBody PostRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return places.assignPost(code, memberId, body.post(), body.answersFor(), Caller.of(jwt));
    }

    @DeleteMapping("/api/v1/grids/{code}/posts/{memberId}/{post}")
    @Operation(summary = "Take a post in a grid away (staff)", description = "Audited.")
    Mono<Places.GridDetail> removePost(@PathVariable String code, @PathVariable UUID memberId, @PathVariable Places.Post post,
            @AuthenticationPrincipal Jwt jwt) {
        return places.removePost(code, memberId, post, Caller.of(jwt));
    }

    @GetMapping("/api/v1/places/compounds")
    @Operation(summary = "All compounds (小區)", description = "The residential compounds of the community, with their codes.")
    Mono<List<Places.Compound>> compounds() {
        return places.compounds();
    }

    @GetMapping("/api/v1/places/compounds/{code}/units")
    @Operation(summary = "The units (households) of a compound", description = "What a home or a visit refers to.")
    Mono<List<Places.Unit>> units(@PathVariable String code) {
        return places.units(code);
    }

    @PutMapping("/api/v1/places/compounds/{code}/buildings/{building}/location")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Place a building on the map (admins)", description = """
            Where the building stands (WGS 84), within the community's area; dispatch then measures from it to the \
            volunteers living there and to requests for help there. The members living there are published again \
            (member.updated.v1) with their home's place. Audited (`building.located`).""")
    @ApiResponse(responseCode = "200", description = "Placed", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Not a place within the community's area")
    @ApiResponse(responseCode = "404", description = "No such building in that compound")
    Mono<Places.Building> locate(@PathVariable String code, @PathVariable String building, @Valid @RequestBody Location body,
            @AuthenticationPrincipal Jwt jwt) {
        return places.locate(code, building, body.latitude(), body.longitude(), Caller.of(jwt));
    }

    record Location(@Schema(example = "33.9596") @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @Schema(example = "116.7943") @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    @GetMapping("/api/v1/organisations")
    @Operation(summary = "All organisations", description = "The party general branch, property-company and grid branches, and the four-in-one bodies.")
    Mono<List<Places.Organisation>> organisations() {
        return places.organisations();
    }

    record PostRequest(@NotNull Places.Post post,
            @Schema(example = "网格 G02", description = "What the post answers for: the grid, a road, a lane, a building, a shop street")
            @NotBlank @Size(max = 200) String answersFor) {
    }
}
