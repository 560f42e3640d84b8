package community.dispatch.request.open311;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.json.JsonMapper;

/** The two formats Open311 speaks, chosen by the path's extension ({@code services.json}, {@code services.xml}). */
enum Open311Format {
    JSON(MediaType.APPLICATION_JSON), XML(new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8));

    static final String XML_TYPE = "text/xml";

    private final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    /** The format an extension asks for; anything but json or xml is not served (404, answered in JSON). */
    static Open311Format of(String extension) {
        return switch (extension) {
            case "json" -> JSON;
            case "xml" -> XML;
            default -> throw Open311Exception.notFound("format '" + extension + "' is not served: use .json or .xml");
        };
    }

    /** The format of a call's path, for answering its errors; JSON unless it ends in .xml. */
    static Open311Format ofPath(String path) {
        return path.endsWith(".xml") ? XML : JSON;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /**
     * An answer in this format. {@code root} and {@code item} name the XML elements of a list
     * ({@code <services><service>…}); an object's root is {@code root} alone.
     */
    ResponseEntity<Object> answer(HttpStatus status, String root, Object body, JsonMapper json) {
        Object rendered = this == JSON ? body : Open311Xml.write(root, json.valueToTree(body));
        return ResponseEntity.status(status).contentType(mediaType).body(rendered);
    }

    /** The XML element of one item of each list Open311 answers with, by the list's name. */
    static final Map<String, String> ITEMS = Map.of("services", "service", "service_requests", "request",
            "service_request_updates", "request_update", "errors", "error", "attributes", "attribute", "values", "value",
            "endpoints", "endpoint", "formats", "format");
}
