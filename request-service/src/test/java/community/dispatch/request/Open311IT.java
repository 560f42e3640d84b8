package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import community.dispatch.events.DomainEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.intake.TicketCreated;
import community.dispatch.events.member.MunicipalSystemRetired;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderStarted;
import community.dispatch.request.People.Person;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * Open311 GeoReport v2 as a municipal system (a FixMyStreet-like client) uses it: every endpoint in JSON and in
 * XML, the XML checked against the specification's shapes ({@code open311/georeport-v2.xsd}), its refusals as
 * the spec's error lists.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.open311.jurisdiction-id=qingxiangqiao")
class Open311IT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    private final String city = "municipal-" + UUID.randomUUID().toString().substring(0, 12);
    private final Person admin = People.admin();
    private String apiKey;
    private MunicipalSystems systems;

    @BeforeEach
    void theCityHasAKey() {
        systems = new MunicipalSystems(web, kafka, codec, database);
        apiKey = systems.apiKey(systems.registered(city), admin.token());
    }

    @Test
    void discoveryAndTheCatalogueInBothFormats() throws Exception {
        Map<String, Object> discovery = json("/open311/v2/discovery.json", MAP);
        assertThat(discovery).containsKeys("changeset", "contact", "key_service");
        assertThat((List<Map<String, Object>>) discovery.get("endpoints")).singleElement()
                .satisfies(endpoint -> assertThat(endpoint).containsEntry("specification", "http://wiki.open311.org/GeoReport_v2")
                        .containsEntry("formats", List.of("text/xml", "application/json")));
        Document discoveryXml = xml("/open311/v2/discovery.xml", 200);
        assertThat(text(discoveryXml, "/discovery/endpoints/endpoint/formats/format[1]")).isEqualTo("text/xml");

        List<Map<String, Object>> services = json("/open311/v2/services.json", LIST);
        assertThat(services).filteredOn(service -> "free-clinic".equals(service.get("service_code"))).singleElement()
                .satisfies(service -> assertThat(service).containsEntry("metadata", true).containsEntry("type", "realtime")
                        .containsEntry("group", "health"));
        assertThat(services).filteredOn(service -> "sewing-mending".equals(service.get("service_code"))).singleElement()
                .satisfies(service -> assertThat(service).containsEntry("metadata", false));
        Document servicesXml = xml("/open311/v2/services.xml", 200);
        assertThat(text(servicesXml, "/services/service[service_code='free-clinic']/metadata")).isEqualTo("true");
        assertThat(count(servicesXml, "/services/service")).isEqualTo(services.size());

        Map<String, Object> definition = json("/open311/v2/services/free-clinic.json", MAP);
        assertThat((List<Map<String, Object>>) definition.get("attributes")).first().satisfies(attribute -> assertThat(attribute)
                .containsEntry("code", "home-visit").containsEntry("datatype", "singlevaluelist").containsEntry("required", true)
                .containsEntry("variable", true).containsEntry("order", 1)
                .containsEntry("values", List.of(Map.of("key", "yes", "name", "是 yes"), Map.of("key", "no", "name", "否 no"))));
        Document definitionXml = xml("/open311/v2/services/free-clinic.xml", 200);
        assertThat(text(definitionXml, "/service_definition/attributes/attribute[code='home-visit']/values/value[1]/key")).isEqualTo("yes");
        assertThat(text(definitionXml, "/service_definition/attributes/attribute[code='concern']/datatype")).isEqualTo("text");

        assertError(web.get().uri("/open311/v2/services/no-such-service.json").exchange(), 404, "service_code 'no-such-service' was not found");
        assertThat(text(xml("/open311/v2/services/no-such-service.xml", 404), "/errors/error/code")).isEqualTo("404");
        assertError(web.get().uri("/open311/v2/services.json?jurisdiction_id=elsewhere").exchange(), 404,
                "jurisdiction_id 'elsewhere' was not found");
        assertThat(json("/open311/v2/services.json?jurisdiction_id=qingxiangqiao", LIST)).hasSameSizeAs(services);
        assertError(web.get().uri("/open311/v2/services.html").exchange(), 404, "format 'html' is not served: use .json or .xml");
    }

    @Test
    void aRequestFiledThroughOpen311MovesThroughDispatchAndIsReadClosedWithNotes() throws Exception {
        String category = multiValueCategory();
        List<Map<String, Object>> created = file("json", form("service_code", category, "lat", "33.9596", "long", "116.7943",
                "address_string", "Building 5, Qingxiangqiao", "description", "Snow on the path to the clinic",
                "attribute[paths][]", "front", "attribute[paths][]", "back", "attribute[depth]", "12",
                "first_name", "Mei", "last_name", "Chen", "phone", "+8613800138000", "email", "mei@example.org",
                "account_id", "fms-1207", "media_url", "https://media.city.example/r/7f3a.jpg"))
                .expectStatus().isCreated().expectBody(LIST).returnResult().getResponseBody();
        String id = (String) created.get(0).get("service_request_id");
        assertThat(created.get(0)).containsEntry("account_id", "fms-1207").containsKey("service_notice");

        Map<String, Object> row = database.sql("SELECT channel, source_system, details FROM service_request WHERE id = :id")
                .bind("id", UUID.fromString(id)).fetch().one().block();
        assertThat(row).containsEntry("channel", "MUNICIPAL").containsEntry("source_system", city);
        assertThat(String.valueOf(row.get("details"))).contains("\"paths\": [\"front\", \"back\"]", "\"depth\": 12",
                "\"phone\": \"+8613800138000\"");

        // A staff member sees who reported it; Open311 readers do not.
        web.get().uri("/api/v1/requests/" + id).headers(h -> h.setBearerAuth(People.staff().token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.channel").isEqualTo("MUNICIPAL")
                .jsonPath("$.details.reporter.firstName").isEqualTo("Mei");
        Map<String, Object> open = json("/open311/v2/requests/" + id + ".json", LIST).get(0);
        assertThat(open).containsEntry("status", "open").containsEntry("service_code", category)
                .containsEntry("description", "Snow on the path to the clinic").containsEntry("lat", 33.96)
                .containsEntry("media_url", "https://media.city.example/r/7f3a.jpg").containsKey("expected_datetime");
        assertThat(open.toString()).doesNotContain("Mei", "+8613800138000", "mei@example.org");
        assertThat(OffsetDateTime.parse((String) open.get("requested_datetime")).getOffset().getTotalSeconds()).isEqualTo(8 * 3600);

        UUID order = UUID.randomUUID();
        UUID volunteer = UUID.randomUUID();
        publish(new OrderOffered(order, UUID.fromString(id), volunteer, "red-steward", Instant.now().plusSeconds(3600)));
        publish(new OrderAccepted(order, UUID.fromString(id), volunteer));
        publish(new OrderStarted(order, UUID.fromString(id), volunteer, Instant.now()));
        publish(new OrderCompleted(order, UUID.fromString(id), volunteer, Instant.now(), "Mrs Chen's son let me in at the back",
                "Cleared both paths and gritted them."));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(json("/open311/v2/requests/" + id + ".json", LIST).get(0))
                .containsEntry("status", "closed").containsEntry("status_notes", "Cleared both paths and gritted them.")
                .containsEntry("agency_responsible", "volunteer team red-steward").doesNotContainKey("expected_datetime"));
        Document closed = xml("/open311/v2/requests/" + id + ".xml", 200);
        assertThat(text(closed, "/service_requests/request/status")).isEqualTo("closed");
        assertThat(text(closed, "/service_requests/request/status_notes")).isEqualTo("Cleared both paths and gritted them.");

        String since = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
        List<Map<String, Object>> updates = json("/open311/v2/servicerequestupdates.json?start_date=" + since, LIST);
        assertThat(updates).filteredOn(update -> id.equals(update.get("service_request_id"))).extracting(update -> update.get("status"))
                .containsExactly("OPEN", "INVESTIGATING", "ACTION_SCHEDULED", "IN_PROGRESS", "FIXED");
        Document updatesXml = xml("/open311/v2/servicerequestupdates.xml?start_date=" + since, 200);
        assertThat(text(updatesXml, "/service_request_updates/request_update[service_request_id='" + id + "'][last()]/status"))
                .isEqualTo("FIXED");
    }

    @Test
    void bothFormatsFileAndAnswerTheSpecsErrorLists() throws Exception {
        Document filed = xmlOf(file("xml", form("service_code", "free-clinic", "address_id", "C05/5",
                "attribute[home-visit]", "yes", "description", "Blood pressure check")).expectStatus().isCreated());
        String id = text(filed, "/service_requests/request/service_request_id");
        assertThat(json("/open311/v2/requests/" + id + ".json", LIST).get(0)).containsEntry("address_id", "C05/5");

        assertError(file("json", form("service_code", "free-clinic", "address_id", "C05/5", "attribute[home-visit]", "yes"),
                "not-a-key"), 403, "Invalid api_key received -- can't proceed with create_request.");
        Document forbidden = xmlOf(file("xml", form("service_code", "free-clinic", "address_id", "C05/5"), null).expectStatus().isForbidden());
        assertThat(text(forbidden, "/errors/error/code")).isEqualTo("403");

        assertError(file("json", form("address_id", "C05/5")), 400, "service_code was not provided");
        assertError(web.post().uri("/open311/v2/requests.json").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("api_key", apiKey, "service_code", "free-clinic")).exchange(), 400,
                "send the fields form-encoded (application/x-www-form-urlencoded)");
        assertError(file("json", form("service_code", "free-clinic", "attribute[home-visit]", "yes")), 400,
                "a location is required: lat and long, address_string or address_id");
        assertError(file("json", form("service_code", "free-clinic", "address_id", "C05/5", "attribute[home-visit]", "maybe",
                "attribute[shoe-size]", "42")), 400, "attribute[shoe-size] is not asked by category free-clinic",
                "attribute[home-visit] must be one of [no, yes]");
        assertError(file("json", form("service_code", "free-clinic", "lat", "31.2304", "long", "121.4737",
                "attribute[home-visit]", "no")), 400, "lat the place is outside the community's area");
        assertError(file("json", form("service_code", "no-such-service", "address_id", "C05/5")), 400,
                "service_code 'no-such-service' was not found");
        assertError(file("json", form("service_code", "free-clinic", "address_id", "C05/5", "attribute[home-visit]", "no",
                "jurisdiction_id", "elsewhere")), 404, "jurisdiction_id 'elsewhere' was not found");
        Document invalid = xmlOf(file("xml", form("service_code", "free-clinic", "address_id", "C05/5")).expectStatus().isBadRequest());
        assertThat(text(invalid, "/errors/error/description")).isEqualTo("attribute[home-visit] is required");
        assertThat(database.sql("SELECT count(*) AS n FROM service_request WHERE source_system = :city").bind("city", city)
                .map(r -> r.get("n", Long.class)).one().block()).as("only the good filing was stored").isEqualTo(1L);

        assertThat(json("/open311/v2/tokens/" + id + ".json", LIST)).containsExactly(Map.of("service_request_id", id, "token", id));
        assertThat(text(xml("/open311/v2/tokens/" + id + ".xml", 200), "/service_requests/request/token")).isEqualTo(id);
        assertError(web.get().uri("/open311/v2/tokens/nonsense.json").exchange(), 404, "service_request_id 'nonsense' was not found");
        assertThat(text(xml("/open311/v2/requests/" + UUID.randomUUID() + ".xml", 404), "/errors/error/code")).isEqualTo("404");
    }

    @Test
    void aResidentsRequestAppearsInOpen311ReadsWithoutAnythingPersonal() throws Exception {
        Person resident = People.resident("G01");
        Map<String, Object> submitted = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", "household-help", "description", "My mother's tap leaks; call 13900001111",
                        "attributes", Map.of("kind", "repair"),
                        "location", Map.of("compoundCode", "C05", "buildingCode", "3", "unitCode", "201", "latitude", 33.9571,
                                "longitude", 116.7901)))
                .exchange().expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        String id = (String) ((Map<?, ?>) submitted.get("request")).get("id");

        Map<String, Object> read = json("/open311/v2/requests.json?service_request_id=" + UUID.randomUUID() + "," + id, LIST).get(0);
        assertThat(read).containsEntry("service_request_id", id).containsEntry("status", "open")
                .containsEntry("service_code", "household-help").containsEntry("address", "compound C05, building 3")
                .doesNotContainKeys("description", "lat", "long", "media_url");
        assertThat(read.toString()).doesNotContain(resident.id().toString(), "13900001111");
        // The unit, checked where a place is written: "201" may well occur in the request's random id.
        assertThat(List.of(read.get("address"), read.get("address_id"))).allSatisfy(place -> assertThat((String) place).doesNotContain("201"));
        Document xml = xml("/open311/v2/requests.xml?service_code=household-help&status=open", 200);
        assertThat(count(xml, "/service_requests/request[service_request_id='" + id + "']")).isEqualTo(1);

        assertThat(json("/open311/v2/requests.json?service_code=household-help&status=closed", LIST))
                .extracting(r -> r.get("service_request_id")).doesNotContain(id);
        assertThat(json("/open311/v2/requests.json?service_code=household-help&page_size=1", LIST)).hasSize(1);
        assertThat(json("/open311/v2/requests.json?start_date=" + OffsetDateTime.now(ZoneOffset.UTC).plusHours(1), LIST)).isEmpty();
        assertError(web.get().uri("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z").exchange(),
                400, "start_date and end_date may be at most 90 days apart");
        assertError(web.get().uri("/open311/v2/requests.json?status=pending").exchange(), 400,
                "status must be open or closed (or both, comma-separated)");
        assertThat(text(xml("/open311/v2/requests.xml?start_date=yesterday", 400), "/errors/error/description"))
                .startsWith("start_date must be a W3C date-time");
    }

    @Test
    void aHotlineTicketForwardedOnTheIntakeTopicShowsNoMoreThanAResidentsRequest() {
        String ticket = "12345-" + UUID.randomUUID();
        kafka.send(Topics.intakeOf(city), ticket, codec.toStructured(codec.wrap(new TicketCreated(ticket, city, "river-patrol",
                "Caller Wang, 13900002222, says rubbish by the river", "相山路 12 號"), URI.create("/city/12345")))).join();
        UUID id = await().atMost(PATIENCE).until(() -> database.sql("SELECT id FROM service_request WHERE external_ref = :ref")
                .bind("ref", ticket).map(r -> r.get("id", UUID.class)).one().block(), found -> found != null);

        Map<String, Object> read = json("/open311/v2/requests/" + id + ".json", LIST).get(0);
        assertThat(read).containsEntry("service_code", "river-patrol").doesNotContainKeys("description", "address");
        assertThat(read.toString()).doesNotContain("13900002222", "Wang");
    }

    @Test
    void onlyTheFilingSystemPostsUpdatesAndARepeatIsAnsweredNotRecordedTwice() throws Exception {
        String id = (String) file("json", form("service_code", "sewing-mending", "address_string", "Building 2"))
                .expectStatus().isCreated().expectBody(LIST).returnResult().getResponseBody().get(0).get("service_request_id");

        MultiValueMap<String, String> update = form("service_request_id", id, "update_id", "fms-update-1", "status", "OPEN",
                "description", "The resident adds: the coat is in the porch.");
        String first = (String) post("/open311/v2/servicerequestupdates.json", update, apiKey).expectStatus().isCreated()
                .expectBody(LIST).returnResult().getResponseBody().get(0).get("update_id");
        Document again = xmlOf(post("/open311/v2/servicerequestupdates.xml", update, apiKey).expectStatus().isCreated());
        assertThat(text(again, "/service_request_updates/request_update/update_id")).isEqualTo(first);

        String since = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
        assertThat(json("/open311/v2/servicerequestupdates.json?start_date=" + since, LIST))
                .filteredOn(u -> id.equals(u.get("service_request_id")) && first.equals(u.get("update_id"))).singleElement()
                .satisfies(u -> assertThat(u).containsEntry("description", "(OPEN) The resident adds: the coat is in the porch."));

        String otherKey = systems.apiKey(systems.registered("municipal-other-" + UUID.randomUUID().toString().substring(0, 6)),
                admin.token());
        assertError(post("/open311/v2/servicerequestupdates.json", update, otherKey), 403,
                "Only the system that filed a request posts updates to it.");
        assertError(post("/open311/v2/servicerequestupdates.json", form("service_request_id", UUID.randomUUID().toString(),
                "update_id", "x", "description", "hello"), apiKey), 404);
        assertError(post("/open311/v2/servicerequestupdates.json", form("service_request_id", id, "update_id", "y"), apiKey),
                400, "description was not provided");
        assertError(post("/open311/v2/servicerequestupdates.json", form("service_request_id", id, "update_id", "z",
                "description", "d", "status", "DONE"), apiKey), 400);
    }

    @Test
    void aRevokedKeyOrARetiredSystemFilesNothing() {
        MultiValueMap<String, String> filing = form("service_code", "sewing-mending", "address_string", "Building 2");
        file("json", filing).expectStatus().isCreated();
        List<Map<String, Object>> issued = web.get().uri("/api/v1/open311/api-keys").headers(h -> h.setBearerAuth(admin.token()))
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        Map<String, Object> mine = issued.stream().filter(key -> city.equals(key.get("clientId"))).findFirst().orElseThrow();
        assertThat(mine).containsEntry("hint", apiKey.substring(apiKey.length() - 4)).doesNotContainKey("apiKey");

        web.delete().uri("/api/v1/open311/api-keys/" + mine.get("id")).headers(h -> h.setBearerAuth(admin.token())).exchange()
                .expectStatus().isNoContent();
        assertError(file("json", filing), 403, "Invalid api_key received -- can't proceed with create_request.");
        web.delete().uri("/api/v1/open311/api-keys/" + mine.get("id")).headers(h -> h.setBearerAuth(admin.token())).exchange()
                .expectStatus().isNotFound();

        String fresh = systems.apiKey(city, admin.token());
        file("json", filing, fresh).expectStatus().isCreated();
        systems.publish(new MunicipalSystemRetired(city));
        await().atMost(PATIENCE).untilAsserted(() -> assertError(file("json", filing, fresh), 403));

        web.post().uri("/api/v1/open311/api-keys").headers(h -> h.setBearerAuth(admin.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("clientId", city)).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("clientId");
    }

    private String multiValueCategory() {
        String code = "snow-" + UUID.randomUUID().toString().substring(0, 8);
        web.post().uri("/api/v1/categories").headers(h -> h.setBearerAuth(admin.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code, "nameZh", "掃雪", "nameEn", "Snow clearing", "group", "environment",
                        "description", "Clearing snow from paths", "slaClass", "URGENT", "route", "DISPATCH",
                        "attributes", List.of(
                                Map.of("code", "paths", "description", "Which paths", "datatype", "multivaluelist", "required", true,
                                        "order", 1, "values", List.of(Map.of("key", "front", "name", "Front"), Map.of("key", "back", "name", "Back"))),
                                Map.of("code", "depth", "description", "Snow depth in cm", "datatype", "number", "required", false,
                                        "order", 2))))
                .exchange().expectStatus().isCreated();
        // Paths are public spaces: staff let Open311 publish what a city files in this category.
        web.put().uri("/api/v1/categories/" + code + "/publication").headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("publicDetails", true)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.publicDetails").isEqualTo(true);
        return code;
    }

    private void publish(DomainEvent event) {
        kafka.send(Topics.ORDER_EVENTS, event.subject(), codec.toStructured(codec.wrap(event, URI.create("/volunteer-service")))).join();
    }

    private WebTestClient.ResponseSpec file(String format, MultiValueMap<String, String> fields) {
        return file(format, fields, apiKey);
    }

    private WebTestClient.ResponseSpec file(String format, MultiValueMap<String, String> fields, String key) {
        return post("/open311/v2/requests." + format, fields, key);
    }

    private WebTestClient.ResponseSpec post(String path, MultiValueMap<String, String> fields, String key) {
        MultiValueMap<String, String> all = new LinkedMultiValueMap<>(fields);
        if (key != null) {
            all.add("api_key", key);
        }
        return web.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(all)).exchange();
    }

    private static MultiValueMap<String, String> form(String... namesAndValues) {
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private <T> T json(String path, ParameterizedTypeReference<T> type) {
        return web.get().uri(path).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(type).returnResult().getResponseBody();
    }

    /** Asserts an error answer in JSON: the status, and the spec's list with these descriptions (when given). */
    private static void assertError(WebTestClient.ResponseSpec answer, int status, String... descriptions) {
        List<Map<String, Object>> errors = answer.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(LIST).returnResult().getResponseBody();
        assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error).containsEntry("code", status));
        if (descriptions.length > 0) {
            assertThat(errors).extracting(error -> error.get("description")).containsExactlyInAnyOrder((Object[]) descriptions);
        }
    }

    private Document xml(String path, int status) throws Exception {
        return xmlOf(web.get().uri(path).exchange().expectStatus().isEqualTo(status));
    }

    /** The answer as XML, after checking it is text/xml and has the specification's shape. */
    private static Document xmlOf(WebTestClient.ResponseSpec answer) throws Exception {
        byte[] body = answer.expectHeader().contentTypeCompatibleWith("text/xml").expectBody().returnResult().getResponseBody();
        String text = new String(body, StandardCharsets.UTF_8);
        Validator validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Open311IT.class.getResource("/open311/georeport-v2.xsd")).newValidator();
        validator.validate(new StreamSource(new StringReader(text)));
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    private static String text(Document document, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, document);
    }

    private static int count(Document document, String xpath) throws Exception {
        return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET)).getLength();
    }
}
