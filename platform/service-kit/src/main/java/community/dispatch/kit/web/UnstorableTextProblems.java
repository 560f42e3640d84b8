package community.dispatch.kit.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import community.dispatch.web.problem.ProblemDetailsAutoConfiguration;
import community.dispatch.web.problem.ProblemResponses;
import community.dispatch.web.problem.Problems;
import io.r2dbc.spi.R2dbcException;
import reactor.core.publisher.Mono;

/**
 * Text the database cannot store is bad input, not a failure of ours: PostgreSQL refuses the NUL
 * character (U+0000) in any text and any JSON value, however it arrived — a JSON string, a query parameter, a
 * form field.
 * Such a call ends in a 400 {@code invalid-characters} problem (its transaction rolled back) instead of a
 * 500. Runs just before platform/web's handler, which answers everything else.
 */
@AutoConfiguration(after = ProblemDetailsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class UnstorableTextProblems {

    /** PostgreSQL's "character not in repertoire": here, a NUL in text. */
    static final String NOT_IN_REPERTOIRE = "22021";

    /** PostgreSQL's "unsupported Unicode escape sequence": a NUL (U+0000, escaped in JSON) in a JSON value it is to store. */
    static final String UNSUPPORTED_UNICODE_ESCAPE = "22P05";

    @Bean
    WebExceptionHandler unstorableTextHandler(ProblemResponses problems) {
        return new Handler(problems);
    }

    private record Handler(ProblemResponses problems) implements WebExceptionHandler, Ordered {

        @Override
        public int getOrder() {
            return -4;
        }

        @Override
        public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
            return unstorableText(error) ? problems.write(exchange, Problems.of(HttpStatus.BAD_REQUEST, "invalid-characters",
                    "Text may not contain the NUL character (U+0000)."))
                    : Mono.error(error);
        }
    }

    static boolean unstorableText(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException database && (NOT_IN_REPERTOIRE.equals(database.getSqlState())
                    || UNSUPPORTED_UNICODE_ESCAPE.equals(database.getSqlState()))) {
                return true;
            }
        }
        return false;
    }
}
