package community.dispatch.request.catalogue;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.kit.web.Versions;
import community.dispatch.request.catalogue.Category.Attribute;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

@RestController
@RequestMapping("/api/v1/categories")
@Validated
@Tag(name = "Categories", description = "The service catalogue (Open311-shaped). Anyone may read it; admins change it.")
@RequiredArgsConstructor
class CategoriesController {

    private final Catalogue catalogue;

    @GetMapping
    @Operation(summary = "All active categories", description = "With `name` in the language of Accept-Language (zh-CN / zh-Hans or plain zh: Simplified Chinese; zh-TW / zh-HK / zh-Hant: Traditional; otherwise English) and every form of the name.")
    Mono<List<CategoryResponse>> all(@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language,
            @RequestParam(defaultValue = "false") boolean includeInactive) {
        return catalogue.all(includeInactive).map(category -> CategoryResponse.of(category, language)).collectList();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One category, with the attributes a request of it must answer", description = "Anyone may read it. The ETag is its version, for If-Match when an admin replaces it; 404 for an unknown code.")
    Mono<ResponseEntity<CategoryResponse>> one(@PathVariable String code,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return catalogue.find(code).switchIfEmpty(Mono.error(() -> Catalogue.notFound(code)))
                .map(category -> ResponseEntity.ok().eTag(Versions.eTag(category.version()))
                        .body(CategoryResponse.of(category, language)));
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Added; Location and ETag name it", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "A category with this code exists")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Add a category (admins)", description = "The code is permanent; 409 if it is taken. Attributes are the questions a request of the category must answer.")
    Mono<ResponseEntity<CategoryResponse>> create(@Valid @RequestBody CategoryRequest request) {
        return catalogue.create(request.toCategory())
                .map(category -> ResponseEntity.created(URI.create("/api/v1/categories/" + category.code()))
                        .eTag(Versions.eTag(category.version())).body(CategoryResponse.of(category, null)));
    }

    @PutMapping("/{code}")
    @ApiResponse(responseCode = "200", description = "Replaced; the ETag is the new version", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "412", description = "The category changed since you read it (If-Match)")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace a category (admins)", description = "Send If-Match with the ETag you read. Set active=false to retire it; existing requests keep it.")
    Mono<ResponseEntity<CategoryResponse>> replace(@PathVariable String code, @Valid @RequestBody CategoryRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        if (!code.equals(request.code())) {
            return Mono.error(DomainException.invalid("code-mismatch", "The body's code must be " + code + "."));
        }
        return catalogue.replace(request.toCategory(), Versions.fromIfMatch(ifMatch, "stale-category"))
                .map(category -> ResponseEntity.ok().eTag(Versions.eTag(category.version())).body(CategoryResponse.of(category, null)));
    }

    @PutMapping("/{code}/publication")
    @ApiResponse(responseCode = "200", description = "Set; the category as it is now", useReturnTypeSchema = true)
    @PreAuthorize("hasAnyRole('STAFF', 'ADMIN')")
    @Operation(summary = "Say whether a category's details are public (staff)", description = """
            Open311's public reads show the description, the place rounded to about 100 m, and the photo of a request a \
            municipal system filed only in a category flagged here: public spaces (a broken lamp, a blocked drain), never \
            what happens in people's homes. Audited.""")
    Mono<CategoryResponse> publication(@PathVariable String code, @Valid @RequestBody PublicationRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        return catalogue.publish(code, request.publicDetails(), Caller.of(jwt)).map(category -> CategoryResponse.of(category, null));
    }

    record CategoryRequest(
            @Schema(example = "household-help")
            @NotBlank @Pattern(regexp = "^[a-z0-9-]{2,40}$", message = "lower-case letters, digits and dashes") String code,
            @Schema(example = "物业与家庭帮办", description = "In Simplified Chinese") @NotBlank @Size(max = 100) String nameZh,
            @Schema(example = "物業與家庭幫辦", description = "In Traditional Chinese; without it, Traditional readers get nameZh")
            @Size(max = 100) String nameZhHant,
            @Schema(example = "Property and household help") @NotBlank @Size(max = 100) String nameEn,
            @Schema(example = "household") @NotBlank @Size(max = 40) String group,
            @Schema(example = "Small repairs, carrying, errands for residents who cannot do them alone.") @NotBlank @Size(max = 2000) String description,
            @Schema(example = "[\"repair\", \"tap\", \"维修\", \"維修\"]") @Size(max = 50) List<@NotBlank @Size(max = 100) String> keywords,
            @Size(max = 50) List<@NotNull @Valid AttributeRequest> attributes,
            @NotNull Urgency slaClass,
            @NotNull Category.Route route,
            Boolean active) {

        Category toCategory() {
            return new Category(code, nameZh, nameZhHant == null || nameZhHant.isBlank() ? null : nameZhHant, nameEn, group,
                    description, keywords == null ? List.of() : keywords,
                    attributes == null ? List.of() : attributes.stream().map(AttributeRequest::toAttribute).toList(),
                    slaClass, route, active == null || active, false, 0);
        }
    }

    record AttributeRequest(
            @Schema(example = "room") @NotBlank @Pattern(regexp = "^[a-z0-9-]{1,40}$") String code,
            @Schema(example = "Which room is it in?") @NotBlank @Size(max = 500) String description,
            @NotNull Category.Datatype datatype,
            Boolean required,
            @Schema(example = "1") Integer order,
            @Size(max = 100) List<Category.@NotNull AllowedValue> values) {

        Attribute toAttribute() {
            return new Attribute(code, description, datatype, Boolean.TRUE.equals(required), order == null ? 0 : order,
                    values);
        }
    }

    record CategoryResponse(@Schema(example = "household-help") String code,
            @Schema(example = "Property and household help", description = "In the language asked for (Accept-Language)") String name,
            @Schema(example = "物业与家庭帮办", description = "In Simplified Chinese") String nameZh,
            @Schema(example = "物業與家庭幫辦", description = "In Traditional Chinese (null: as nameZh)") String nameZhHant,
            @Schema(example = "Property and household help") String nameEn,
            @Schema(example = "household") String group,
            @Schema(example = "Small repairs, carrying, errands for residents who cannot do them alone.") String description,
            @Schema(example = "[\"repair\", \"tap\", \"维修\", \"維修\"]") List<String> keywords, List<Attribute> attributes, Urgency slaClass, Category.Route route, boolean active,
            @Schema(description = "Whether Open311 may publish the description, rounded place and photo of requests a municipal system files in it (staff decide)")
            boolean publicDetails) {

        static CategoryResponse of(Category category, String language) {
            return new CategoryResponse(category.code(), category.name(language), category.nameZh(), category.nameZhHant(),
                    category.nameEn(),
                    category.group(), category.description(), category.keywords(), category.attributes(),
                    category.slaClass(), category.route(), category.active(), category.publicDetails());
        }
    }

    record PublicationRequest(@Schema(example = "true", description = "true: a public-space category whose details Open311 may publish")
            @NotNull Boolean publicDetails) {
    }
}
