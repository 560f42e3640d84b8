package community.dispatch.request.open311;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

import com.fasterxml.jackson.annotation.JsonProperty;

import community.dispatch.request.open311.GeoReportViews.Created;
import community.dispatch.request.open311.GeoReportViews.Discovery;
import community.dispatch.request.open311.GeoReportViews.PostedUpdate;
import community.dispatch.request.open311.GeoReportViews.Request;
import community.dispatch.request.open311.GeoReportViews.ServiceDefinition;
import community.dispatch.request.open311.GeoReportViews.Token;
import community.dispatch.request.open311.GeoReportViews.Update;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * Open311 GeoReport v2 (and mySociety's servicerequestupdates) as the OpenAPI document shows it: each operation, its
 * parameters and its answers in JSON and XML (the XML examples are {@link Open311Examples}). {@link Open311Controller}
 * does what it says.
 */
@Tag(name = "Open311 GeoReport v2", description = """
        The municipal standard: discovery, services, service definitions, requests, tokens and updates, each as \
        .json or .xml. Reads are public and show nothing personal; POSTs are form-encoded and need an api_key.""")
interface Open311Api {

    String XML_SHAPE = "The same fields as XML elements, as GeoReport v2 shows them";

    @Operation(summary = "Service discovery", description = "Where the GeoReport v2 endpoint is, in which formats, and how to get a key.")
    @ApiResponse(responseCode = "200", description = "The endpoint", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Discovery.class)),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = XML_SHAPE),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "discovery")) })
    @Errors
    @GetMapping("/discovery.{format}")
    ResponseEntity<Object> discovery(@PathVariable @FormatParameter String format);

    @Operation(summary = "The services (categories) requests may be filed for", description = "`metadata` is true where a service has attributes to answer. Names in the language of Accept-Language.")
    @ApiResponse(responseCode = "200", description = "Every active service", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = GeoReportViews.Service.class))),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = XML_SHAPE),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "services")) })
    @Errors
    @GetMapping("/services.{format}")
    Mono<ResponseEntity<Object>> services(@PathVariable @FormatParameter String format,
            @RequestParam(name = "jurisdiction_id", required = false) @JurisdictionParameter String jurisdiction,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language);

    @Operation(summary = "A service's definition: the attributes a request of it answers", description = "404 for a service that is not offered.")
    @ApiResponse(responseCode = "200", description = "The definition", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = ServiceDefinition.class)),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = XML_SHAPE),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "definition")) })
    @Errors
    @GetMapping("/services/{service_code}.{format}")
    Mono<ResponseEntity<Object>> definition(@PathVariable("service_code") String code, @PathVariable @FormatParameter String format,
            @RequestParam(name = "jurisdiction_id", required = false) @JurisdictionParameter String jurisdiction);

    @Operation(summary = "File a request (municipal systems, with an api_key)", description = """
            Form-encoded as the spec says. Besides the fields below, answer the service's attributes as \
            attribute[code]=value, and a multivaluelist's as attribute[code][]=value, once per value. A location is \
            required: lat and long (inside the community), address_string, or address_id (compound/building, e.g. C05/5). \
            The request is channel MUNICIPAL with the key's system as its source; its id is answered at once.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(implementation = FilingForm.class))))
    @ApiResponse(responseCode = "201", description = "Filed", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Created.class))),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = XML_SHAPE),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "created")) })
    @Errors
    @PostMapping("/requests.{format}")
    Mono<ResponseEntity<Object>> file(@PathVariable @FormatParameter String format, ServerWebExchange exchange);

    @Operation(summary = "Find requests", description = """
            Newest first. With service_request_id (comma-separated) every other criterion is ignored. Otherwise the \
            requests of the last 90 days unless start_date/end_date say otherwise (at most 90 days apart), at most \
            1,000 (page and page_size, from page 1, page through more). Residents' own words, coordinates and photos \
            are not shown; those a municipal system filed are.""")
    @ApiResponse(responseCode = "200", description = "The requests", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Request.class))),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = XML_SHAPE),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "requests")) })
    @Errors
    @GetMapping("/requests.{format}")
    Mono<ResponseEntity<Object>> requests(@PathVariable @FormatParameter String format,
            @RequestParam(name = "service_request_id", required = false) @Parameter(description = "Comma-separated ids") String ids,
            @RequestParam(name = "service_code", required = false) String serviceCode,
            @RequestParam(name = "start_date", required = false) @Parameter(example = "2026-12-01T00:00:00+08:00") String startDate,
            @RequestParam(name = "end_date", required = false) @Parameter(example = "2026-12-03T00:00:00+08:00") String endDate,
            @RequestParam(name = "status", required = false) @Parameter(description = "open, closed, or both comma-separated") String status,
            @RequestParam(name = "page", required = false) @Parameter(description = "From 1") String page,
            @RequestParam(name = "page_size", required = false) @Parameter(description = "1 to 1,000; 1,000 when not given") String pageSize,
            @RequestParam(name = "jurisdiction_id", required = false) @JurisdictionParameter String jurisdiction,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language, ServerWebExchange exchange);

    @Operation(summary = "One request", description = "As in the list; 404 for an unknown id.")
    @ApiResponse(responseCode = "200", description = "The request (a list of one, as the spec has it)", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Request.class))),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = XML_SHAPE),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "requests")) })
    @Errors
    @GetMapping("/requests/{service_request_id}.{format}")
    Mono<ResponseEntity<Object>> request(@PathVariable("service_request_id") String id, @PathVariable @FormatParameter String format,
            @RequestParam(name = "jurisdiction_id", required = false) @JurisdictionParameter String jurisdiction,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language);

    @Operation(summary = "The request a token stands for", description = """
            Every request filed here gets its id at once, so no POST answers with a token; a client that asks with \
            the id as token is answered with it. 404 for anything else.""")
    @ApiResponse(responseCode = "200", description = "The request's id", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Token.class))),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = XML_SHAPE),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "tokens")) })
    @Errors
    @GetMapping("/tokens/{token}.{format}")
    Mono<ResponseEntity<Object>> token(@PathVariable String token, @PathVariable @FormatParameter String format,
            @RequestParam(name = "jurisdiction_id", required = false) @JurisdictionParameter String jurisdiction);

    @Operation(summary = "Every move of every request (mySociety's extension)", description = """
            Oldest first, between start_date and end_date (by default the last 90 days, at most 90 days apart), at \
            most 1,000: follow on from the last updated_datetime seen. Statuses are the extension's (OPEN, \
            INVESTIGATING, ACTION_SCHEDULED, IN_PROGRESS, FIXED, CLOSED, DUPLICATE, NO_FURTHER_ACTION, \
            NOT_COUNCILS_RESPONSIBILITY, INTERNAL_REFERRAL).""")
    @ApiResponse(responseCode = "200", description = "The updates", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Update.class))),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = XML_SHAPE),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "updates")) })
    @Errors
    @GetMapping("/servicerequestupdates.{format}")
    Mono<ResponseEntity<Object>> updates(@PathVariable @FormatParameter String format,
            @RequestParam(name = "start_date", required = false) @Parameter(example = "2026-12-01T00:00:00+08:00") String startDate,
            @RequestParam(name = "end_date", required = false) @Parameter(example = "2026-12-03T00:00:00+08:00") String endDate,
            @RequestParam(name = "jurisdiction_id", required = false) @JurisdictionParameter String jurisdiction,
            ServerWebExchange exchange);

    @Operation(summary = "Add an update to a request the system filed (mySociety's extension)", description = """
            The system that filed the request adds a note (its own update_id makes a repeat harmless: the same \
            update is answered). The request's status stays the community's: a status sent is recorded in the note.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(implementation = UpdateForm.class))))
    @ApiResponse(responseCode = "201", description = "Recorded", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = PostedUpdate.class))),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = XML_SHAPE),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "posted")) })
    @Errors
    @PostMapping("/servicerequestupdates.{format}")
    Mono<ResponseEntity<Object>> postUpdate(@PathVariable @FormatParameter String format, ServerWebExchange exchange);

    /** The form of POST requests. */
    record FilingForm(@JsonProperty("api_key") @Schema(example = "Zq3k9V0xW2yP7mN4bT6cR1sH8dL5fA0jE3gU2iO9kYw", requiredMode = Schema.RequiredMode.REQUIRED) String apiKey,
            @JsonProperty("jurisdiction_id") @Schema(example = "qingxiangqiao") String jurisdictionId,
            @JsonProperty("service_code") @Schema(example = "free-clinic", requiredMode = Schema.RequiredMode.REQUIRED) String serviceCode,
            @Schema(example = "33.9596") Double lat, @JsonProperty("long") @Schema(example = "116.7943") Double longitude,
            @JsonProperty("address_string") @Schema(example = "Building 5, Sandi New Village") String addressString,
            @JsonProperty("address_id") @Schema(example = "C05/5") String addressId,
            @Schema(example = "mei.chen@example.org") String email, @JsonProperty("device_id") @Schema(example = "fms-device-8841") String deviceId,
            @JsonProperty("account_id") @Schema(example = "fms-account-1207", description = "Answered back as the spec says") String accountId, @JsonProperty("first_name") @Schema(example = "Mei") String firstName,
            @JsonProperty("last_name") @Schema(example = "Chen") String lastName, @Schema(example = "+8613800138000") String phone,
            @Schema(example = "My father's blood pressure is high again.", maxLength = 4000) String description,
            @JsonProperty("media_url") @Schema(example = "https://media.city.example/r/7f3a.jpg") String mediaUrl) {
    }

    /** The form of POST servicerequestupdates. */
    record UpdateForm(@JsonProperty("api_key") @Schema(example = "Zq3k9V0xW2yP7mN4bT6cR1sH8dL5fA0jE3gU2iO9kYw", requiredMode = Schema.RequiredMode.REQUIRED) String apiKey,
            @JsonProperty("jurisdiction_id") @Schema(example = "qingxiangqiao") String jurisdictionId,
            @JsonProperty("service_request_id") @Schema(example = "0f5c3b9e-6a2d-4f1e-9b7a-3c2d1e0f9a8b", requiredMode = Schema.RequiredMode.REQUIRED) String serviceRequestId,
            @JsonProperty("update_id") @Schema(example = "fms-update-5531", requiredMode = Schema.RequiredMode.REQUIRED) String updateId,
            @Schema(example = "OPEN") String status,
            @Schema(example = "The resident says the tap drips again.", requiredMode = Schema.RequiredMode.REQUIRED) String description,
            @JsonProperty("updated_datetime") @Schema(example = "2026-12-03T10:15:00+08:00", description = "Accepted; the note is dated when it arrives") String updatedDatetime) {
    }

    /** The answers of refusals every Open311 operation may give. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "400", description = "Bad input: the spec's error list", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = GeoReportViews.Error.class))),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = "The spec's error list"),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "errors")) })
    @ApiResponse(responseCode = "403", description = "No valid api_key, or not the filing system's request", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = GeoReportViews.Error.class))),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = "The spec's error list"),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "errors")) })
    @ApiResponse(responseCode = "404", description = "Unknown service, request, jurisdiction or format", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = GeoReportViews.Error.class))),
            @Content(mediaType = Open311Format.XML_TYPE, schema = @Schema(type = "string", description = "The spec's error list"),
                    examples = @ExampleObject(name = "xml", ref = Open311Examples.PREFIX + "errors")) })
    @interface Errors {
    }

    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(description = "json or xml", schema = @Schema(allowableValues = { "json", "xml" }))
    @interface FormatParameter {
    }

    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(description = "Checked only when this endpoint is configured with one (dispatch.open311.jurisdiction-id)")
    @interface JurisdictionParameter {
    }
}
