package community.dispatch.volunteer.dispatching;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.kit.security.Caller;
import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

@RestController
@Tag(name = "Orders", description = "A volunteer's offers and orders (接單): accept or decline, check in, check out")
@RequiredArgsConstructor
class OrdersController {

    private final OrderDesk desk;
    private final OrderStream stream;
    private final BoardStream board;

    @GetMapping("/api/v1/orders")
    @Operation(summary = "Your offers and orders", description = "Newest first, at most 100.")
    Mono<List<OrderResponse>> mine(@RequestParam(required = false) OrderStatus status, @AuthenticationPrincipal Jwt jwt) {
        return desk.ordersOf(Caller.of(jwt).memberId(), status).map(OrderResponse::of).collectList();
    }

    @GetMapping(path = "/api/v1/orders/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Your offers and orders as they change, live (Server-Sent Events)", description = """
            A stream that stays open: each change to your offers and orders as it happens (a new offer, one withdrawn \
            or expired, an order assigned to you by hand, ...), named after its `change`, with an `id:`. Reconnect with \
            the `Last-Event-ID` header (browsers' EventSource does) to receive what you missed meanwhile; ids may \
            repeat after a resume, skip those you have seen. Without it, read GET /api/v1/orders first. A comment \
            line every 15 s keeps the connection open; the stream ends when your token expires: reconnect with a \
            fresh one.""")
    @ApiResponse(responseCode = "200", description = "The stream", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(implementation = OrderNews.class)))
    Flux<ServerSentEvent<OrderNews>> stream(
            @Parameter(description = "The id of the last event you received, to resume after it")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @AuthenticationPrincipal Jwt jwt) {
        return stream.of(Caller.of(jwt).memberId(), lastEventId, jwt.getExpiresAt());
    }

    @GetMapping("/api/v1/teams/{key}/orders")
    @Operation(summary = "A team's offers and orders (staff, the team's leaders)", description = "Newest first, at most 100.")
    Mono<List<OrderResponse>> team(@PathVariable String key, @RequestParam(required = false) OrderStatus status,
            @AuthenticationPrincipal Jwt jwt) {
        return desk.ordersOfTeam(key, status, Caller.of(jwt)).map(OrderResponse::of).collectList();
    }

    @GetMapping(path = "/api/v1/teams/{key}/board/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "A team's dispatch board as it changes, live (staff, the team's leaders; Server-Sent Events)", description = """
            A stream that stays open: each move of the orders of the team's volunteers, and each request nobody takes \
            whose dispatch rule names the team (shown to its leaders when the rule's `notifyRoles` has TEAM_LEADER, \
            to staff always), named after its `change`, with an `id:`. Resume with `Last-Event-ID` as on \
            GET /api/v1/orders/stream; read GET /api/v1/teams/{key}/orders first. Heartbeats every 15 s; the stream \
            ends when your token expires.""")
    @ApiResponse(responseCode = "200", description = "The stream", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(implementation = BoardNews.class)))
    Flux<ServerSentEvent<BoardNews>> board(@PathVariable String key,
            @Parameter(description = "The id of the last event you received, to resume after it")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @AuthenticationPrincipal Jwt jwt) {
        return board.of(key, Caller.of(jwt), lastEventId, jwt.getExpiresAt());
    }

    @PostMapping("/api/v1/orders/{id}/acceptance")
    @Operation(summary = "Accept an offer", description = "By the volunteer it was offered to, before it expires; other open offers of the request are withdrawn.")
    @ApiResponse(responseCode = "200", description = "Accepted: the order is yours", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The offer expired, was withdrawn, or someone else took the request")
    @ApiResponse(responseCode = "404", description = "No such offer of yours")
    Mono<OrderResponse> accept(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return desk.accept(id, Caller.of(jwt).memberId()).map(OrderResponse::of);
    }

    @PostMapping("/api/v1/orders/{id}/decline")
    @ApiResponse(responseCode = "200", description = "Declined; the request goes to the next volunteer", useReturnTypeSchema = true)
    @OwnOrderMove
    @Operation(summary = "Decline an offer", description = "The request goes to the next volunteer.")
    Mono<OrderResponse> decline(@PathVariable UUID id, @Valid @RequestBody(required = false) NoteRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return desk.decline(id, Caller.of(jwt).memberId(), body == null ? null : body.note()).map(OrderResponse::of);
    }

    @PostMapping("/api/v1/orders/{id}/check-in")
    @ApiResponse(responseCode = "200", description = "Started", useReturnTypeSchema = true)
    @OwnOrderMove
    @Operation(summary = "Check in: the work starts", description = "By the volunteer who accepted the order; the request becomes IN_PROGRESS. 409 unless the order is accepted.")
    Mono<OrderResponse> checkIn(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return desk.checkIn(id, Caller.of(jwt).memberId()).map(OrderResponse::of);
    }

    @PostMapping("/api/v1/orders/{id}/check-out")
    @ApiResponse(responseCode = "200", description = "Done; the hours are credited", useReturnTypeSchema = true)
    @OwnOrderMove
    @Operation(summary = "Check out: the work is done", description = """
            Credits the hours since check-in, rounded to the half hour. The note goes to the requester and staff only; \
            publicNote, if given, is what the public may read of the work (Open311's status notes) — write nothing \
            there about the person or their home.""")
    Mono<OrderResponse> checkOut(@PathVariable UUID id, @Valid @RequestBody(required = false) CheckOutRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return desk.checkOut(id, Caller.of(jwt).memberId(), body == null ? null : body.note(),
                body == null ? null : body.publicNote()).map(OrderResponse::of);
    }

    @PostMapping("/api/v1/orders/{id}/release")
    @ApiResponse(responseCode = "200", description = "Given back; the request is dispatched again", useReturnTypeSchema = true)
    @OwnOrderMove
    @Operation(summary = "Give back an accepted order before starting it", description = "The request is dispatched again.")
    Mono<OrderResponse> release(@PathVariable UUID id, @Valid @RequestBody(required = false) NoteRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return desk.release(id, Caller.of(jwt).memberId(), body == null ? null : body.note()).map(OrderResponse::of);
    }

    @PostMapping("/api/v1/orders/assignments")
    @ApiResponse(responseCode = "200", description = "Assigned: the volunteer's order, accepted", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such request to dispatch")
    @ApiResponse(responseCode = "409", description = "The work has started, the request was withdrawn, or it is the volunteer's own request")
    @Operation(summary = "Assign or reassign a request by hand (staff; a team leader within a team they lead)", description = """
            The volunteer gets the order as accepted; whoever had accepted it is released and open offers are \
            withdrawn. Work already started stays with its volunteer (409). A team leader assigns only requests of \
            a category their team serves, only to that team's volunteers, and never to themself.""")
    Mono<OrderResponse> assign(@Valid @RequestBody AssignmentRequest body, @AuthenticationPrincipal Jwt jwt) {
        return desk.assign(body.requestId(), body.volunteerId(), Caller.of(jwt)).map(OrderResponse::of);
    }

    @PutMapping("/api/v1/orders/{id}/hours")
    @ApiResponse(responseCode = "200", description = "Corrected", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The order has not been done")
    @Operation(summary = "Correct the hours an order earned (staff)", description = "Half hours from 0.5 to 24, with a reason; audited. Check-out credits at most the category's cap (8 h unless configured).")
    Mono<OrderResponse> correctHours(@PathVariable UUID id, @Valid @RequestBody HoursCorrection body, @AuthenticationPrincipal Jwt jwt) {
        return desk.correctHours(id, body.hours(), body.reason(), Caller.of(jwt)).map(OrderResponse::of);
    }

    record HoursCorrection(@Schema(example = "9.5") @NotNull Double hours,
            @Schema(example = "Night shift at the flood barrier, confirmed by the team leader") @NotBlank @Size(max = 500) String reason) {
    }

    record AssignmentRequest(@NotNull UUID requestId, @NotNull UUID volunteerId) {
    }

    record NoteRequest(@Schema(example = "Tap washer replaced; resident asked for a check next week.") @Size(max = 2000) String note) {
    }

    record CheckOutRequest(
            @Schema(example = "Tap washer replaced; Mrs Li asked for a check next week.", description = "For the requester and staff")
            @Size(max = 2000) String note,
            @Schema(example = "Tap repaired.", description = "What the public may read of the work; nothing about the person")
            @Size(max = 200) String publicNote) {
    }

    /** The refusals of a move of the caller's own order. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "404", description = "No such order of yours")
    @ApiResponse(responseCode = "409", description = "The order is not in a state that allows this (its status is in the problem)")
    @interface OwnOrderMove {
    }
}
