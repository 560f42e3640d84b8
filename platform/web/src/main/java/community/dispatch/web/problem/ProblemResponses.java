package community.dispatch.web.problem;

import java.net.URI;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import community.dispatch.web.language.Language;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

/** Writes a problem straight to a response, its title in the caller's language ({@link ProblemTitles}). */
@RequiredArgsConstructor
public final class ProblemResponses {

    private final JsonMapper mapper;

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        Language language = Language.of(exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE));
        Object code = problem.getProperties() == null ? null : problem.getProperties().get("code");
        problem.setTitle(ProblemTitles.of(code == null ? null : code.toString(), problem.getStatus(), problem.getTitle(), language));
        response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(HttpHeaders.CONTENT_LANGUAGE, language.tag());
        DataBuffer body = response.bufferFactory().wrap(mapper.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(body));
    }
}
