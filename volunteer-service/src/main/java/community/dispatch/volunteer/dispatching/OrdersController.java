package community.dispatch.volunteer.dispatching;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.web.problem.DomainProblem;
import community.dispatch.kit.security.Caller;
import community.dispatch.volunteer.teams.Volunteers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/orders")
@Validated
@Tag(name = "Orders", description = "A volunteer's offers and orders (接單): accept or decline, check in, check out")
class OrdersController {

    private final Dispatcher dispatcher;
    private final Volunteers volunteers;

    OrdersController(Dispatcher dispatcher, Volunteers volunteers) {
        this.dispatcher = dispatcher;
        this.volunteers = volunteers;
    }

    @GetMapping
    @Operation(summary = "Your offers and orders", description = "Newest first, at most 100.")
    Mono<List<Order>> mine(@RequestParam(required = false)
            @Pattern(regexp = "OFFERED|ACCEPTED|DECLINED|EXPIRED|STARTED|COMPLETED|RELEASED|WITHDRAWN") String status,
            @AuthenticationPrincipal Jwt jwt) {
        return dispatcher.ordersOf(Caller.of(jwt).memberId(), status).collectList();
    }

    @GetMapping("/team/{key}")
    @Operation(summary = "A team's offers and orders (its team leaders, staff)", description = "Newest first, at most 100.")
    Mono<List<Order>> team(@PathVariable String key, @RequestParam(required = false)
            @Pattern(regexp = "OFFERED|ACCEPTED|DECLINED|EXPIRED|STARTED|COMPLETED|RELEASED|WITHDRAWN|SUPERSEDED") String status,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        Mono<Boolean> allowed = caller.isStaff() ? Mono.just(true)
                : caller.hasRole("TEAM_LEADER") ? volunteers.inTeam(caller.memberId(), key) : Mono.just(false);
        return allowed.flatMap(ok -> ok ? dispatcher.ordersOfTeam(key, status).collectList()
                : Mono.error(new DomainProblem(HttpStatus.FORBIDDEN, "forbidden", "Only the team's leaders and staff see its orders.")));
    }

    @PostMapping("/{id}/acceptance")
    @Operation(summary = "Accept an offer")
    @ApiResponse(responseCode = "409", description = "The offer expired, was withdrawn, or someone else took the request")
    @ApiResponse(responseCode = "404", description = "No such offer of yours")
    Mono<Order> accept(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return dispatcher.accept(id, Caller.of(jwt).memberId());
    }

    @PostMapping("/{id}/decline")
    @Operation(summary = "Decline an offer", description = "The request goes to the next volunteer.")
    Mono<Order> decline(@PathVariable UUID id, @Valid @RequestBody(required = false) NoteRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return dispatcher.decline(id, Caller.of(jwt).memberId(), body == null ? null : body.note());
    }

    @PostMapping("/{id}/check-in")
    @Operation(summary = "Check in: the work starts")
    Mono<Order> checkIn(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return dispatcher.checkIn(id, Caller.of(jwt).memberId());
    }

    @PostMapping("/{id}/check-out")
    @Operation(summary = "Check out: the work is done", description = "Credits the hours since check-in, rounded to the half hour.")
    Mono<Order> checkOut(@PathVariable UUID id, @Valid @RequestBody(required = false) NoteRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return dispatcher.checkOut(id, Caller.of(jwt).memberId(), body == null ? null : body.note());
    }

    @PostMapping("/{id}/release")
    @Operation(summary = "Give back an accepted order before starting it", description = "The request is dispatched again.")
    Mono<Order> release(@PathVariable UUID id, @Valid @RequestBody(required = false) NoteRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return dispatcher.release(id, Caller.of(jwt).memberId(), body == null ? null : body.note());
    }

    @PostMapping("/assignments")
    @Operation(summary = "Assign or reassign a request by hand (team leaders of the volunteer's team, staff)", description = """
            The volunteer gets the order as accepted; whoever had accepted it is released and open offers are \
            withdrawn. Work already started stays with its volunteer (409).""")
    Mono<Order> assign(@Valid @RequestBody AssignmentRequest body, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        Mono<Boolean> allowed = caller.isStaff() ? Mono.just(true)
                : caller.hasRole("TEAM_LEADER") ? volunteers.shareATeam(caller.memberId(), body.volunteerId()) : Mono.just(false);
        return allowed.flatMap(ok -> ok ? dispatcher.assign(body.requestId(), body.volunteerId(), caller.subject())
                : Mono.error(new DomainProblem(HttpStatus.FORBIDDEN, "forbidden",
                        "Only staff, or a team leader of the volunteer's team, assign by hand.")));
    }

    record AssignmentRequest(@NotNull UUID requestId, @NotNull UUID volunteerId) {
    }

    record NoteRequest(@Schema(example = "Tap washer replaced; resident asked for a check next week.") @Size(max = 2000) String note) {
    }
}
