package community.dispatch.gateway.console;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import community.dispatch.web.problem.ProblemResponses;
import community.dispatch.web.problem.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's backend-for-frontend, in front of everything else the gateway does: the browser holds a
 * sealed, HttpOnly session cookie and never a token. {@code /console/api/…} is the public API seen through
 * the session: the cookie is taken off, the member's access token (renewed first when it ends soon) put in
 * its place, and the call goes on as {@code /api/…} through the same security, rate limits, circuit breakers
 * and services as any app's — so what a member may see and do is decided where it always is.
 * {@code /console/session} signs in (the issuer's password or code sign-in, whose tokens are kept in the
 * cookie and never passed on), says who is signed in, and signs out.
 * A state-changing call must come from the console's own pages: it carries {@code X-Console-Request},
 * which no form of another site can send and no script of another origin may without CORS consent, and the
 * browser does not call it cross-site ({@code Sec-Fetch-Site}).
 */
class ConsoleRelay implements WebFilter, Ordered {

    static final String PREFIX = "/console";
    static final String SESSION = PREFIX + "/session";
    static final String API = PREFIX + "/api/";
    static final String CONSOLE_REQUEST_HEADER = "X-Console-Request";

    /** Only the console's own files and API: no inline script or style, nothing from elsewhere, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** API paths a visitor without a session may reach: asking for a sign-in code. */
    private static final Set<String> OPEN_PATHS = Set.of("/api/v1/auth/codes");
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final SessionCookie cookie;
    private final IssuerCalls issuer;
    private final ProblemResponses problems;
    private final ReactiveJwtDecoder tokens;
    private final JsonMapper json;

    ConsoleRelay(SessionCookie cookie, IssuerCalls issuer, ProblemResponses problems, ReactiveJwtDecoder tokens, JsonMapper json) {
        this.cookie = cookie;
        this.issuer = issuer;
        this.problems = problems;
        this.tokens = tokens;
        this.json = json;
    }

    /** After the request id and bare-error filters, before Spring Security, which sees the relayed call. */
    @Override
    public int getOrder() {
        return -150;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        HttpMethod method = exchange.getRequest().getMethod();
        if (!SAFE.contains(method) && !fromTheConsole(exchange)) {
            return problems.write(exchange, Problems.of(HttpStatus.FORBIDDEN, "console-request-refused",
                    "Changes through the console come from its own pages only."));
        }
        if (path.equals(SESSION)) {
            return switch (method.name()) {
                case "GET" -> whoIsSignedIn(exchange);
                case "POST" -> signIn(exchange, chain);
                case "DELETE" -> signOut(exchange);
                default -> problems.write(exchange, Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                        "The session is read (GET), opened (POST) or closed (DELETE)."));
            };
        }
        if (!path.startsWith(API)) {
            return page(exchange, chain, path);
        }
        String target = path.substring(PREFIX.length());
        if (OPEN_PATHS.contains(target)) {
            return chain.filter(relayed(exchange, target, null));
        }
        return withSession(exchange, session -> chain.filter(relayed(exchange, target, session.accessToken())));
    }

    /**
     * The console's files, served as static resources; {@code /console} is sent to {@code /console/}, which is the
     * one page, asked for afresh each time so that a new version is picked up.
     */
    private static Mono<Void> page(ServerWebExchange exchange, WebFilterChain chain, String path) {
        if (path.equals(PREFIX)) {
            exchange.getResponse().setStatusCode(HttpStatus.PERMANENT_REDIRECT);
            exchange.getResponse().getHeaders().setLocation(URI.create(PREFIX + "/"));
            return exchange.getResponse().setComplete();
        }
        if (path.equals(PREFIX + "/")) {
            exchange.getResponse().getHeaders().setCacheControl(CacheControl.noCache());
            return chain.filter(exchange.mutate().request(request -> request.path(PREFIX + "/index.html")).build());
        }
        return chain.filter(exchange);
    }

    private static boolean fromTheConsole(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String site = headers.getFirst("Sec-Fetch-Site");
        return "1".equals(headers.getFirst(CONSOLE_REQUEST_HEADER)) && (site == null || site.equals("same-origin"));
    }

    /** Who is signed in — nobody is an answer too, not an error: the page asks before anyone has signed in. */
    private Mono<Void> whoIsSignedIn(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl("no-store");
        return withSession(exchange, session -> summary(session).flatMap(summary -> write(exchange.getResponse(), HttpStatus.OK, summary)),
                () -> write(exchange.getResponse(), HttpStatus.OK, Map.of("signedIn", false)));
    }

    /**
     * The issuer's sign-in, reached as {@code POST /api/v1/auth/login} with the browser's body; its answer,
     * when it gives tokens, is turned into the cookie and the member's summary. Refusals pass as they are.
     */
    private Mono<Void> signIn(ServerWebExchange exchange, WebFilterChain chain) {
        ServerWebExchange relayed = relayed(exchange, "/api/v1/auth/login", null);
        ServerHttpResponse response = relayed.getResponse();
        ServerHttpResponseDecorator capture = new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                if (!HttpStatus.OK.equals(getStatusCode())) {
                    return super.writeWith(body);
                }
                return DataBufferUtils.join(Flux.from(body)).flatMap(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    ConsoleSession session = issuer.sessionOf(json.readTree(bytes));
                    getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
                    addCookie(cookie.of(session, exchange));
                    return summary(session).flatMap(summary -> write(getDelegate(), HttpStatus.OK, summary));
                });
            }
        };
        return chain.filter(relayed.mutate().response(capture).build());
    }

    private Mono<Void> signOut(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        return Mono.justOrEmpty(cookie.read(exchange))
                .flatMap(issuer::current)
                .flatMap(issuer::signOut)
                .then(Mono.defer(() -> {
                    response.addCookie(cookie.cleared(exchange));
                    response.setStatusCode(HttpStatus.NO_CONTENT);
                    return response.setComplete();
                }));
    }

    /**
     * Runs {@code then} with the caller's live session, renewing it first when needed (and giving the browser the
     * renewed cookie); without one, or when the issuer no longer renews it, 401 (or {@code signedOut}) and the
     * cookie is cleared.
     */
    private Mono<Void> withSession(ServerWebExchange exchange, Function<ConsoleSession, Mono<Void>> then) {
        return withSession(exchange, then, () -> problems.write(exchange, Problems.of(HttpStatus.UNAUTHORIZED, "signed-out",
                "Sign in to the console (again).")));
    }

    private Mono<Void> withSession(ServerWebExchange exchange, Function<ConsoleSession, Mono<Void>> then,
            Supplier<Mono<Void>> signedOut) {
        return Mono.justOrEmpty(cookie.read(exchange))
                .flatMap(session -> issuer.current(session).map(current -> {
                    if (current != session) {
                        exchange.getResponse().addCookie(cookie.of(current, exchange));
                    }
                    return current;
                }))
                .flatMap(session -> then.apply(session).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> {
                    if (exchange.getRequest().getCookies().containsKey(SessionCookie.NAME)) {
                        exchange.getResponse().addCookie(cookie.cleared(exchange));
                    }
                    return signedOut.get().thenReturn(false);
                }))
                .then();
    }

    /**
     * What the console's pages may know of the signed-in member, from the access token's claims (checked as the
     * edge checks every token): who, with which roles, serving which grids, until when. Enough to choose what to
     * show; every service still decides what the member may read and do.
     */
    private Mono<Map<String, Object>> summary(ConsoleSession session) {
        return tokens.decode(session.accessToken()).map(token -> Map.of(
                "signedIn", true,
                "memberId", token.getSubject(),
                "roles", listOrEmpty(token.getClaimAsStringList("roles")),
                "grids", listOrEmpty(token.getClaimAsStringList("grids")),
                "expiresAt", session.accessExpiresAt().toString()));
    }

    private static List<String> listOrEmpty(List<String> claim) {
        return claim == null ? List.of() : claim;
    }

    /** The call as the API sees it: at {@code target}, without the console's cookie, with the member's token if any. */
    private static ServerWebExchange relayed(ServerWebExchange exchange, String target, String accessToken) {
        return exchange.mutate().request(request -> request.path(target).headers(headers -> {
            headers.remove(HttpHeaders.COOKIE);
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.remove(CONSOLE_REQUEST_HEADER);
            if (accessToken != null) {
                headers.setBearerAuth(accessToken);
            }
        })).build();
    }

    private Mono<Void> write(ServerHttpResponse response, HttpStatus status, Map<String, Object> body) {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
