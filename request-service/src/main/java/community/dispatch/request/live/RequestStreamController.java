package community.dispatch.request.live;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Flux;
import lombok.RequiredArgsConstructor;

@RestController
@Validated
@Tag(name = "Requests")
@RequiredArgsConstructor
class RequestStreamController {

    private final RequestStream stream;

    @GetMapping(path = "/api/v1/requests/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Your requests as they move, live (Server-Sent Events)", description = """
            A stream that stays open: each move of the requests you submitted (assigned, in progress, resolved, \
            ...) as it happens, named after its `change`, with an `id:`. Reconnect with the `Last-Event-ID` \
            header to receive what you missed meanwhile; ids may repeat after a resume, skip those you have \
            seen. Without it, read GET /api/v1/requests first. A comment line every 15 s keeps the connection \
            open; the stream ends when your token expires: reconnect with a fresh one.""")
    @ApiResponse(responseCode = "200", description = "The stream", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(implementation = RequestNews.class)))
    Flux<ServerSentEvent<RequestNews>> stream(
            @Parameter(description = "The id of the last event you received, to resume after it")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @AuthenticationPrincipal Jwt jwt) {
        return stream.of(Caller.of(jwt), lastEventId, jwt.getExpiresAt());
    }

    @GetMapping(path = "/api/v1/requests/board/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "A grid's requests as they move, live (staff; grid workers and chiefs for the grids they serve; Server-Sent Events)",
            description = """
            A stream that stays open: each move of the grid's requests (those open when it opens and each one \
            submitted meanwhile), escalations (`moved` to ESCALATED, with why in `detail`: a passed deadline, nobody \
            to take it, a low rating) included, named after its `change`, with an `id:`. Resume with `Last-Event-ID` \
            as on GET /api/v1/requests/stream; read GET /api/v1/requests?grid= first. Heartbeats every 15 s; the \
            stream ends when your token expires.""")
    @ApiResponse(responseCode = "200", description = "The stream", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(implementation = RequestNews.class)))
    Flux<ServerSentEvent<RequestNews>> board(
            @Parameter(description = "The grid", example = "G01") @RequestParam @Pattern(regexp = "^[A-Za-z0-9-]{1,20}$") String grid,
            @Parameter(description = "The id of the last event you received, to resume after it")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @AuthenticationPrincipal Jwt jwt) {
        return stream.ofGrid(grid, Caller.of(jwt), lastEventId, jwt.getExpiresAt());
    }
}
