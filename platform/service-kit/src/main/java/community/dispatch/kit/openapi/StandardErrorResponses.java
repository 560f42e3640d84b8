package community.dispatch.kit.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import lombok.RequiredArgsConstructor;

/**
 * Documents the errors the kit makes every operation answer, so an administrator reading Swagger
 * sees them without each controller repeating them: 400 for bad input (operations that take any),
 * 401 and 403 where a token is needed (operations anyone may call are marked as needing none; roles
 * and each feature's policy decide what a caller may do), 404 for a path naming something that
 * does not exist or is not the caller's, and 429 from the gateway's rate limit, which every call
 * through it can meet. All are problem+json, with an example. Responses an operation documents
 * itself are left as they are, and so are their formats on a controller marked {@link OwnErrorFormat}
 * (problem+json is listed beside them).
 */
@RequiredArgsConstructor
class StandardErrorResponses implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    static final String PROBLEM_SCHEMA = "Problem";

    private static final String ROLE_REQUIRED = "x-role-required";

    private static final String OWN_ERRORS = "x-own-error-format";

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final List<String> publicPaths;

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean takesInput = operation.getRequestBody() != null
                || operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (takesInput) {
            addIfAbsent(operation, "400", "validation-failed", "The request has invalid fields.",
                    "Bad input: a parameter or field breaks its rules; each one is listed under errors.");
        }
        if (AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class)) {
            operation.addExtension(ROLE_REQUIRED, true);
        }
        if (AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), OwnErrorFormat.class)) {
            operation.addExtension(OWN_ERRORS, true);
        }
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            boolean roleRequired = operation.getExtensions() != null && operation.getExtensions().remove(ROLE_REQUIRED) != null;
            boolean ownErrors = operation.getExtensions() != null && operation.getExtensions().remove(OWN_ERRORS) != null;
            if (roleRequired || publicPaths.stream().noneMatch(pattern -> PATHS.match(pattern, path))) {
                addIfAbsent(operation, "401", "unauthorized", "A valid bearer token is required.",
                        "No token, or one that is expired, wrongly signed, from another issuer or not meant for this service.");
                // Who may do what is decided by roles and by each feature's policy (team, grid, ownership).
                addIfAbsent(operation, "403", "forbidden", "Your role does not allow this.",
                        "Signed in, but your role or scope (team, grid, ownership) does not allow this.");
            }
            else {
                operation.setSecurity(List.of()); // anyone may call it: Swagger UI shows no lock
            }
            if (path.contains("{")) {
                addIfAbsent(operation, "404", "not-found", "There is nothing with that id you may see.",
                        "Nothing with that id, or it belongs to someone else (never told apart).");
            }
            addIfAbsent(operation, "429", "too-many-requests", "Too many calls. Try again after the number of seconds in Retry-After.",
                    "From the gateway: too many calls from you on this route; wait the seconds in Retry-After.");
            operation.getResponses().forEach((status, response) -> {
                if ((status.startsWith("4") || status.startsWith("5")) && (!ownErrors || "429".equals(status))) {
                    asProblem(response);
                }
                else if (status.startsWith("4") || status.startsWith("5")) {
                    alsoAsProblem(response);
                }
            });
        }));
    }

    /**
     * Every error is sent as problem+json with the problem's shape, also where a controller documented
     * an error by hand (which springdoc would otherwise list as the operation's own media type).
     */
    private static void asProblem(ApiResponse response) {
        Content content = response.getContent();
        MediaType documented = content == null ? null : content.values().stream().findFirst().orElse(null);
        MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA));
        if (documented != null && documented.getExample() != null) {
            problem.example(documented.getExample());
        }
        if (content == null || content.size() != 1 || !content.containsKey(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
            response.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, problem));
        }
    }

    /**
     * An operation with its own error format documents problem+json beside it: what the platform answers when
     * it refuses a call before the operation is reached (a path the firewall turns away).
     */
    private static void alsoAsProblem(ApiResponse response) {
        Content content = response.getContent() == null ? new Content() : response.getContent();
        content.putIfAbsent(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
        response.content(content);
    }

    private static void addIfAbsent(Operation operation, String status, String code, String detail, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        if (operation.getResponses().containsKey(status)) {
            return;
        }
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:community-dispatch:problem:" + code);
        example.put("title", Character.toUpperCase(code.charAt(0)) + code.substring(1).replace('-', ' '));
        example.put("status", Integer.parseInt(status));
        example.put("detail", detail);
        example.put("instance", "/api/v1/…");
        example.put("code", code);
        if (code.equals("validation-failed")) {
            example.put("errors", List.of(Map.of("field", "description", "message", "must not be blank")));
        }
        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)).example(example))));
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new Schema<>().type("string").description("The problem's kind as a URN: urn:community-dispatch:problem:<code>")
                .example("urn:community-dispatch:problem:not-found"));
        properties.put("title", new Schema<>().type("string").example("Not found"));
        properties.put("status", new Schema<>().type("integer").example(404));
        properties.put("detail", new Schema<>().type("string").description("What went wrong, for a person").example("There is nothing at this path."));
        properties.put("instance", new Schema<>().type("string").example("/api/v1/requests/0b9f…"));
        properties.put("code", new Schema<>().type("string").description("Stable, machine-readable; program against this").example("not-found"));
        properties.put("errors", new Schema<>().type("array").description("For validation-failed: each field and what is wrong with it (20 at most)")
                .items(new Schema<>().type("object")
                        .addProperty("field", new Schema<>().type("string").example("description"))
                        .addProperty("message", new Schema<>().type("string").example("must not be blank"))));
        properties.put("moreErrors", new Schema<>().type("integer").description("How many errors beyond the 20 listed").example(3));
        return new Schema<>().type("object").description("An RFC 9457 problem: every error answer has this shape.")
                .properties(properties);
    }
}
