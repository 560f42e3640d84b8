package community.dispatch.member.people;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.kit.web.Versions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;
import community.dispatch.member.people.domain.Member;
import community.dispatch.member.people.domain.MemberChange;
import community.dispatch.member.people.domain.Role;
import community.dispatch.member.people.domain.PartyKind;

@RestController
@RequestMapping("/api/v1/members")
@Validated
@Tag(name = "Members", description = "The community's register of people. Phone numbers are masked for anyone but staff and the person.")
@RequiredArgsConstructor
class MembersController {

    static final String PHONE = "^1\\d{10}$";

    private final MemberDirectory directory;

    @GetMapping("/me")
    @Operation(summary = "Your own profile", description = "Everything the register holds about you, contact details and home included.")
    Mono<ResponseEntity<MemberResponse>> me(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return directory.get(caller.memberId(), caller).map(member -> withETag(member, caller));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One member", description = "Residents and volunteers can read only themselves; anyone else is 'not found' to them.")
    @ApiResponse(responseCode = "200", description = "The member, as you may see them; the ETag is its version", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such member, or not one you may see")
    Mono<ResponseEntity<MemberResponse>> one(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return directory.get(id, caller).map(member -> withETag(member, caller));
    }

    @GetMapping
    @Operation(summary = "Find members", description = "Staff, grid workers and team leaders. Sorted by name; size at most 100.")
    Mono<Page<MemberResponse>> list(@RequestParam(required = false) Role role,
            @RequestParam(required = false) String grid, @RequestParam(required = false) String compound,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) @Parameter(description = "true: party members only; false: others only") Boolean partyMember,
            @RequestParam(required = false) Boolean leadership,
            @RequestParam(required = false) @Parameter(description = "part of the name") String name,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        MemberFilter filter = new MemberFilter(role, grid, compound, active, partyMember, leadership, name);
        return directory.list(filter, page, size, caller).map(found -> found.map(m -> MemberResponse.of(m, caller)));
    }

    @PostMapping
    @Operation(summary = "Register a member (staff)", description = "A retried call with the same Idempotency-Key answers with the member the first call created.")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "409", description = "Phone number or username taken")
    Mono<ResponseEntity<MemberResponse>> register(@Valid @RequestBody NewMemberRequest request,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return directory.register(request.toCommand(), caller)
                .map(member -> ResponseEntity.created(URI.create("/api/v1/members/" + member.id()))
                        .eTag(eTag(member))
                        .body(MemberResponse.of(member, caller)));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a member", description = "Members change their own name and home; staff change anything. Send If-Match with the ETag you read to avoid overwriting someone else's change.")
    @ApiResponse(responseCode = "200", description = "Changed; the ETag is the new version", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "412", description = "The member changed since you read it")
    Mono<ResponseEntity<MemberResponse>> change(@PathVariable UUID id, @Valid @RequestBody MemberChangeRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return directory.change(id, request.toChange(), version(ifMatch), caller)
                .map(member -> withETag(member, caller));
    }

    @PatchMapping("/me")
    @Operation(summary = "Change your own profile", description = "Your name and home; the same as PATCH on your own id.")
    @ApiResponse(responseCode = "200", description = "Changed; the ETag is the new version", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "412", description = "Your profile changed since you read it")
    Mono<ResponseEntity<MemberResponse>> changeMe(@Valid @RequestBody MemberChangeRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @AuthenticationPrincipal Jwt jwt) {
        return change(Caller.of(jwt).memberId(), request, ifMatch, jwt);
    }

    @PostMapping("/{id}/deactivation")
    @Operation(summary = "Deactivate a member (staff)", description = "They can no longer sign in and their refresh tokens are revoked.")
    Mono<ResponseEntity<MemberResponse>> deactivate(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return directory.deactivate(id, version(ifMatch), caller).map(member -> withETag(member, caller));
    }

    private static ResponseEntity<MemberResponse> withETag(Member member, Caller caller) {
        return ResponseEntity.ok().eTag(eTag(member)).body(MemberResponse.of(member, caller));
    }

    private static String eTag(Member member) {
        return Versions.eTag(member.version());
    }

    private static Long version(String ifMatch) {
        return Versions.fromIfMatch(ifMatch, "stale-member");
    }

    record NewMemberRequest(
            @Schema(example = "何伟") @NotBlank @Size(max = 100) String name,
            @Schema(example = "10000000196", description = "11 digits starting with 1")
            @Pattern(regexp = PHONE, message = "must be an 11-digit mobile number starting with 1") String phone,
            UUID unitId,
            @NotEmpty Set<Role> roles,
            UUID partyBranchId,
            PartyKind partyKind,
            Boolean leadership,
            @Schema(example = "office.li", description = "Staff sign in with a username and password; residents with their phone")
            @Size(min = 3, max = 50) @Pattern(regexp = "^[a-z0-9._-]+$", message = "lower-case letters, digits, . _ -") String username,
            @Schema(example = "correct-horse-battery-staple")
            @Size(min = 12, max = 200, message = "must be 12 to 200 characters") String password) {

        NewMember toCommand() {
            if (phone == null && username == null) {
                throw DomainException.invalid("phone-or-username-required",
                        "A member needs a phone number (to sign in with a code) or a username (staff).");
            }
            if ((username == null) != (password == null)) {
                throw DomainException.invalid("username-needs-password",
                        "A username and a password go together.");
            }
            if ((partyBranchId == null) != (partyKind == null)) {
                throw DomainException.invalid("party-membership-incomplete",
                        "A party member needs both partyBranchId and partyKind.");
            }
            return new NewMember(null, name.trim(), phone, unitId, roles, partyBranchId, partyKind,
                    Boolean.TRUE.equals(leadership), username, password);
        }
    }

    record MemberChangeRequest(
            @Schema(example = "何伟") @Size(min = 1, max = 100) String name,
            @Schema(example = "10000000196", description = "11 digits starting with 1")
            @Pattern(regexp = PHONE, message = "must be an 11-digit mobile number starting with 1") String phone,
            UUID unitId,
            @Size(min = 1) Set<Role> roles,
            UUID partyBranchId,
            PartyKind partyKind,
            Boolean leadership,
            Boolean active) {

        MemberChange toChange() {
            return new MemberChange(name == null ? null : name.trim(), phone, unitId, roles, partyBranchId, partyKind,
                    leadership, active);
        }
    }

    /** A member as the caller may see them ({@link MemberDisclosure}): what they may not see is masked or left out. */
    record MemberResponse(UUID id, @Schema(example = "何伟") String name,
            @Schema(example = "100****0196", description = "Whole only for staff, the member themself and the grid workers of their grid") String phone,
            @Schema(description = "Only for staff, the member themself and the grid workers of their grid") Member.Home home,
            Set<Role> roles,
            @Schema(description = "Only for staff and the member themself") UUID partyBranchId,
            @Schema(description = "Only for staff and the member themself") PartyKind partyKind,
            @Schema(description = "Only for staff and the member themself") Boolean leadership,
            boolean active, @Schema(example = "office.li", description = "Only for staff and the member themself") String username) {

        static MemberResponse of(Member member, Caller caller) {
            MemberDisclosure disclosure = MemberDisclosure.of(member, caller);
            boolean party = disclosure.party();
            return new MemberResponse(member.id(), member.name(),
                    disclosure.contact() ? member.phone() : PhoneMasking.mask(member.phone()),
                    disclosure.contact() ? member.home() : null, member.roles(),
                    party ? member.partyBranchId() : null, party ? member.partyKind() : null,
                    party ? member.leadership() : null, member.active(), disclosure.username() ? member.username() : null);
        }
    }
}
