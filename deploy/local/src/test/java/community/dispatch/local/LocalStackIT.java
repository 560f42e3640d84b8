package community.dispatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.as;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jayway.jsonpath.JsonPath;

/**
 * The stack as ./run.sh starts it, on ports of its own: all four services become healthy and reachable
 * through the gateway, whose office console works in a real browser ({@link OfficeConsole}), where an admin
 * registers a resident who signs in with a code from the SMS
 * sandbox and whose request goes round the loop, measured and traced; a killed service is started again
 * by itself; SIGTERM leaves no process and no listening port; a second start keeps the data; --reset
 * starts from empty.
 */
class LocalStackIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final String ADMIN_PASSWORD = "stack-admin-password";
    private static final List<String> SERVICES = List.of("request-service", "volunteer-service", "member-service");
    /** The trace a client starts with its submission (W3C trace context, sampled). */
    private static final String TRACE_ID = "5ee1c0de00004a0080000000000d15a7";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> ports = freePorts();

    @Test
    void startsEverythingStopsCleanlyAndKeepsDataUntilReset() throws Exception {
        Stack first = Stack.start(environment());
        try {
            swaggerUiListsEveryServicesDocumentAndEachLoadsThroughTheGateway();
            swaggerUiAuthorizeGetsATokenFromTheIssuerThroughTheGateway();
            HttpResponse<String> unauthenticated = get("/api/v1/requests");
            assertThat(unauthenticated.statusCode()).isEqualTo(401);
            assertThat(unauthenticated.headers().firstValue("content-type")).hasValue("application/problem+json");
            anAdminRegistersAResidentWhoSignsInWithACodeFromTheSandbox();
            // After the loop above, whose metrics count its one request.
            new OfficeConsole(gateway("/"), JsonPath.read(post("/api/v1/auth/login", null,
                    "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", 200), "$.access_token"),
                    ROOT.resolve("deploy/local/target/console-screenshots")).check();
            aKilledServiceIsStartedAgainByItself(first);
            sql("request", "CREATE TABLE stack_it_marker (note text); INSERT INTO stack_it_marker VALUES ('kept')");
        }
        finally {
            first.stop();
        }
        first.assertNothingLeft(ports);

        Stack second = Stack.start(environment());
        try {
            assertThat(markers()).containsExactly("kept");
        }
        finally {
            second.stop();
        }
        second.assertNothingLeft(ports);

        Stack reset = Stack.start(environment(), "--reset");
        try {
            assertThat(reset.output()).anyMatch(line -> line.contains("reset: deleted"));
            assertThat(tableExists("stack_it_marker")).isFalse();
        }
        finally {
            reset.stop();
        }
        reset.assertNothingLeft(ports);
    }

    /**
     * {@code kill -9} of request-service: the launcher starts it again within 15 s, mapping the class archive the
     * first start wrote, and it serves again.
     */
    private void aKilledServiceIsStartedAgainByItself(Stack stack) throws Exception {
        ProcessHandle requestService = stack.launcher().descendants()
                .filter(child -> child.info().commandLine().orElse("").contains("request-service.jar"))
                .findFirst().orElseThrow();
        requestService.destroyForcibly();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(stack.output()).anyMatch(line -> line.contains("request-service started again")));
        assertThat(stack.output()).anyMatch(line -> line.contains("request-service (pid " + requestService.pid()
                + ") exited unexpectedly"));
        assertThat(stack.launcher().descendants().map(child -> child.info().commandLine().orElse(""))
                .filter(line -> line.contains("request-service.jar")))
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .contains("-XX:SharedArchiveFile=" + ROOT.resolve("request-service/target/app/request-service-jdk"
                        + System.getProperty("java.version") + ".jsa"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(get("/api/v1/categories").statusCode()).isEqualTo(200));
    }

    /** What the gateway's Swagger UI reads first, and then each document it lists. */
    private void swaggerUiListsEveryServicesDocumentAndEachLoadsThroughTheGateway() throws Exception {
        HttpResponse<String> config = get("/gateway/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        List<String> names = JsonPath.read(config.body(), "$.urls[*].name");
        assertThat(names).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (String service : SERVICES) {
            List<String> urls = JsonPath.read(config.body(), "$.urls[?(@.name == '" + service + "')].url");
            HttpResponse<String> document = get(urls.get(0));
            assertThat(document.statusCode()).as(urls.get(0)).isEqualTo(200);
            assertThat((String) JsonPath.read(document.body(), "$.info.title")).isEqualTo(service);
            assertThat((String) JsonPath.read(document.body(), "$.components.securitySchemes.sign-in.flows.password.tokenUrl"))
                    .isEqualTo("/oauth2/token");
        }
    }

    /** "Authorize" in Swagger UI: the password grant as its public client, as the browser sends it. */
    private void swaggerUiAuthorizeGetsATokenFromTheIssuerThroughTheGateway() throws Exception {
        HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(gateway("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("swagger-ui:".getBytes()))
                .header("X-Request-Id", "stack-it-authorize")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=admin&password=" + ADMIN_PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("X-Request-Id")).hasValue("stack-it-authorize");
        HttpResponse<String> me = get("/api/v1/members/me", JsonPath.read(tokens.body(), "$.access_token"));
        assertThat(me.statusCode()).isEqualTo(200);
    }

    /** The whole sign-in story, through the gateway only. */
    private void anAdminRegistersAResidentWhoSignsInWithACodeFromTheSandbox() throws Exception {
        String admin = JsonPath.read(post("/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", 200), "$.access_token");
        HttpResponse<String> grids = get("/api/v1/grids", admin);
        assertThat(grids.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<Object>>read(grids.body(), "$")).as("the demo community's grids").hasSize(6);

        String phone = "19912345678";
        post("/api/v1/members", admin, "{\"name\":\"新居民\",\"phone\":\"" + phone + "\",\"roles\":[\"RESIDENT\"]}", 201);
        post("/api/v1/auth/codes", null, "{\"phone\":\"" + phone + "\"}", 202);
        Matcher code = signInCode(phone, admin);
        String resident = JsonPath.read(post("/api/v1/auth/login", null,
                "{\"phone\":\"" + phone + "\",\"code\":\"" + code.group(1) + "\"}", 200), "$.access_token");

        HttpResponse<String> me = get("/api/v1/members/me", resident);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(me.body(), "$.phone")).isEqualTo(phone);
        HttpResponse<String> mine = get("/api/v1/requests", resident);
        assertThat(mine.statusCode()).as("request-service accepts member-service's token").isEqualTo(200);

        aResidentsRequestMovesAsAVolunteerActs(admin, resident);
        aCitySystemFilesAndFollowsARequestThroughOpen311(admin);
        onlyTheGatewaySaysWhereACallerIs(admin);
    }

    /**
     * Where a caller is, only the gateway says: rotating X-Forwarded-For and Forwarded through it does not get
     * past a lockout; a service's own port, and every process's actuator, is not open beyond loopback; and a
     * direct call to a service that names an address counts as the machine itself, which is locked too.
     */
    private void onlyTheGatewaySaysWhereACallerIs(String admin) throws Exception {
        post("/api/v1/members", admin, """
                {"name":"職員","roles":["STAFF"],"username":"staff.edge","password":"the-owners-password"}""", 201);
        for (int i = 0; i < 5; i++) {
            int status = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> login(gateway(""),
                    "wrong-guess", "X-Forwarded-For", "203.0.113." + (int) (Math.random() * 250), "Forwarded",
                    "for=198.51.100." + (int) (Math.random() * 250)).statusCode(), answer -> answer != 429);
            assertThat(status).isEqualTo(400);
        }
        HttpResponse<String> locked = login(gateway(""), "the-owners-password", "X-Forwarded-For", "192.0.2.77");
        assertThat(locked.statusCode()).as(locked.body()).isEqualTo(429);
        assertThat(locked.body()).contains("signin-locked");

        URI memberService = URI.create("http://localhost:" + ports.get("DISPATCH_MEMBER_SERVICE_PORT"));
        HttpResponse<String> direct = login(memberService, "the-owners-password", "X-Forwarded-For", "192.0.2.78",
                "X-Dispatch-Client-Address", "192.0.2.78");
        assertThat(direct.statusCode()).as("a direct caller is the machine itself: " + direct.body()).isEqualTo(429);

        Optional<InetAddress> outside = NetworkInterface.networkInterfaces().filter(this::up)
                .flatMap(NetworkInterface::inetAddresses).filter(address -> !address.isLoopbackAddress()
                        && address instanceof Inet4Address).findFirst();
        if (outside.isPresent()) {
            for (String service : List.of("DISPATCH_REQUEST_SERVICE_PORT", "DISPATCH_VOLUNTEER_SERVICE_PORT", "DISPATCH_MEMBER_SERVICE_PORT")) {
                assertThat(listens(outside.get(), Integer.parseInt(ports.get(service)))).as(service + " on " + outside.get()).isFalse();
            }
            assertThat(listens(outside.get(), Integer.parseInt(ports.get("DISPATCH_GATEWAY_PORT")))).as("the gateway").isTrue();
            for (String process : List.of("DISPATCH_GATEWAY_PORT", "DISPATCH_REQUEST_SERVICE_PORT", "DISPATCH_VOLUNTEER_SERVICE_PORT",
                    "DISPATCH_MEMBER_SERVICE_PORT")) {
                int management = StackSettings.managementPort(Integer.parseInt(ports.get(process)));
                assertThat(listens(outside.get(), management)).as("the actuator of " + process + " on " + outside.get()).isFalse();
            }
        }
    }

    private HttpResponse<String> login(URI base, String password, String... headers) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/login")).header("Content-Type", "application/json")
                .headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"staff.edge\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean up(NetworkInterface network) {
        try {
            return network.isUp();
        }
        catch (SocketException e) {
            return false;
        }
    }

    private static boolean listens(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        }
        catch (IOException refused) {
            return false;
        }
    }

    /**
     * The README's municipal curl session through the real gateway: an admin registers the city's platform and
     * issues it an api_key (once request-service has learned of the registration), the platform reads the
     * services, files a request form-encoded without a token, and follows it in XML and in the updates.
     */
    private void aCitySystemFilesAndFollowsARequestThroughOpen311(String admin) throws Exception {
        String clientId = JsonPath.read(post("/api/v1/auth/clients", admin, "{\"name\":\"12345 hotline platform\"}", 201),
                "$.clientId");
        String apiKey = await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> issued = http.send(HttpRequest.newBuilder(gateway("/api/v1/open311/api-keys"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + clientId + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return issued.statusCode() == 201 ? JsonPath.<String>read(issued.body(), "$.apiKey") : null;
        }, key -> key != null);
        assertThat(get("/open311/v2/services.xml").body()).contains("<service_code>free-clinic</service_code>");

        HttpResponse<String> filed = http.send(HttpRequest.newBuilder(gateway("/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("api_key=" + apiKey + "&service_code=free-clinic&lat=33.9596&long=116.7943"
                        + "&attribute%5Bhome-visit%5D=yes&first_name=Mei&phone=%2B8613800138000"
                        + "&description=My+father+needs+his+blood+pressure+checked")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String id = JsonPath.read(filed.body(), "$[0].service_request_id");

        HttpResponse<String> followed = get("/open311/v2/requests/" + id + ".xml");
        assertThat(followed.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
        assertThat(followed.body()).contains("<service_request_id>" + id + "</service_request_id>", "<status>open</status>")
                .doesNotContain("Mei", "8613800138000");
        assertThat(get("/open311/v2/servicerequestupdates.json").body()).contains(id);
    }

    /**
     * The newest sign-in code the SMS sandbox holds for the phone (a volunteer's phone also gets offers told), once
     * it is there: codes are texted from a queue, just after the request is answered.
     */
    private Matcher signInCode(String phone, String admin) throws Exception {
        Pattern sixDigits = Pattern.compile("验证码 (\\d{6})");
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<String> texts = JsonPath.read(get("/api/v1/auth/sms-sandbox?phone=" + phone, admin).body(), "$[*].text");
            Matcher code = sixDigits.matcher(texts.stream().filter(text -> text.contains("验证码")).findFirst().orElse(""));
            return code.find() ? code : null;
        }, found -> found != null);
    }

    /** The loop the community runs: collect orders, accept orders, precise dispatch — through the gateway. */
    private void aResidentsRequestMovesAsAVolunteerActs(String admin, String resident) throws Exception {
        String request = JsonPath.read(post("/api/v1/requests", resident, """
                {"categoryCode":"household-help","description":"水龍頭漏水 the tap leaks","attributes":{"kind":"repair"}}""",
                201, "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"), "$.request.id");
        String[] offer = await().atMost(Duration.ofSeconds(60)).until(() -> openOffer(request), found -> found != null);
        String volunteerPhone = phoneOf(offer[1]);
        post("/api/v1/auth/codes", null, "{\"phone\":\"" + volunteerPhone + "\"}", 202);
        Matcher code = signInCode(volunteerPhone, admin);
        String volunteer = JsonPath.read(post("/api/v1/auth/login", null,
                "{\"phone\":\"" + volunteerPhone + "\",\"code\":\"" + code.group(1) + "\"}", 200), "$.access_token");

        assertThat(JsonPath.<List<String>>read(get("/api/v1/orders?status=OFFERED", volunteer).body(), "$[*].id"))
                .contains(offer[0]);
        // The volunteer's phone watches its orders live through the gateway, as the README's curl -N does.
        List<String> stream = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Void>> watching = http.sendAsync(HttpRequest.newBuilder(gateway("/api/v1/orders/stream"))
                .header("Authorization", "Bearer " + volunteer).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new LinesInto(stream)));
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.contains(":connected"));
        post("/api/v1/orders/" + offer[0] + "/acceptance", volunteer, "{}", 200);
        post("/api/v1/orders/" + offer[0] + "/check-in", volunteer, "{}", 200);
        post("/api/v1/orders/" + offer[0] + "/check-out", volunteer, "{\"note\":\"換了墊圈 replaced the washer\"}", 200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stream)
                .containsSubsequence("event:accepted", "event:started", "event:completed")
                .anyMatch(line -> line.startsWith("data:") && line.contains(offer[0])));
        watching.cancel(true);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(JsonPath.<String>read(
                get("/api/v1/requests/" + request, resident).body(), "$.status")).isEqualTo("RESOLVED"));
        theLoopIsMeasuredAndOneTraceRunsThroughIt();
    }

    /**
     * Each process's own /actuator/prometheus (on its management port, never its serving one) shows the loop just run; the dashboard and the alert rules use
     * only metrics the processes export; the submission's trace is in the JSON log lines of the gateway,
     * request-service (the submission) and volunteer-service (the offer, made from the event).
     */
    private void theLoopIsMeasuredAndOneTraceRunsThroughIt() throws Exception {
        Map<String, Telemetry> scraped = new HashMap<>();
        for (String process : List.of("GATEWAY", "REQUEST_SERVICE", "VOLUNTEER_SERVICE", "MEMBER_SERVICE")) {
            int port = Integer.parseInt(ports.get("DISPATCH_" + process + "_PORT"));
            scraped.put(process, Telemetry.scrape(http, StackSettings.managementPort(port)));
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as("no metrics on %s's serving port", process).isEqualTo(404);
        }
        Telemetry requests = scraped.get("REQUEST_SERVICE");
        Telemetry volunteers = scraped.get("VOLUNTEER_SERVICE");
        assertThat(requests.value("dispatch_requests_submitted_total", "category=\"household-help\"", "channel=\"app\""))
                .isEqualTo(1);
        assertThat(requests.value("dispatch_requests_first_offer_seconds_count")).isEqualTo(1);
        assertThat(requests.value("dispatch_requests_acceptance_seconds_count")).isEqualTo(1);
        assertThat(requests.value("dispatch_outbox_send_seconds_count", "topic=\"dispatch.request-events\""))
                .as("submitted, updated on the way, resolved").isGreaterThanOrEqualTo(3);
        assertThat(volunteers.value("dispatch_offers_made_total")).isGreaterThanOrEqualTo(1);
        for (String move : List.of("accepted", "started", "completed")) {
            assertThat(volunteers.value("dispatch_orders_moved_total", "to=\"" + move + "\"")).as(move).isEqualTo(1);
        }
        assertThat(volunteers.value("dispatch_event_consume_seconds_count",
                "consumer=\"volunteer-service.request-events\"")).isGreaterThanOrEqualTo(1);
        assertThat(scraped.get("GATEWAY").value("http_server_requests_seconds_count", "application=\"gateway\""))
                .isPositive();

        Set<String> exported = new HashSet<>();
        scraped.values().forEach(telemetry -> exported.addAll(telemetry.names()));
        for (String file : List.of("dispatch-dashboard.json", "alerts.yaml")) {
            assertThat(exported).as("metrics used in deploy/observability/%s", file)
                    .containsAll(Telemetry.usedIn(ROOT.resolve("deploy/observability/" + file)));
        }

        for (String process : List.of("gateway", "request-service", "volunteer-service")) {
            List<String> traced = Files.readAllLines(data.resolve("logs/" + process + ".log")).stream()
                    .filter(line -> line.contains(TRACE_ID)).toList();
            assertThat(traced).as("%s's log lines of the trace", process).isNotEmpty()
                    .allSatisfy(line -> assertThat(JsonPath.<String>read(line, "$.traceId")).isEqualTo(TRACE_ID));
        }
    }

    /** The open offer for the request, as [order id, volunteer id], read from volunteer-service's database. */
    private String[] openOffer(String request) throws SQLException {
        try (Connection connection = connect("volunteer"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, volunteer_id FROM order_offer WHERE status = 'OFFERED'"
                        + " AND request_id = '" + UUID.fromString(request) + "'")) {
            return rows.next() ? new String[] { rows.getString(1), rows.getString(2) } : null;
        }
    }

    private String phoneOf(String memberId) throws SQLException {
        try (Connection connection = connect("member"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT phone FROM member WHERE id = '" + UUID.fromString(memberId) + "'")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private String post(String path, String token, String json, int expectedStatus, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(expectedStatus);
        return response.body();
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(gateway(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Collects a streamed answer's lines as they arrive. */
    private record LinesInto(List<String> lines) implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    }

    private URI gateway(String path) {
        return URI.create("http://localhost:" + ports.get("DISPATCH_GATEWAY_PORT") + path);
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(ports);
        environment.put("DISPATCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("DISPATCH_ROOT", ROOT.toString());
        environment.put("DISPATCH_DATA_DIR", data.toString());
        // Guesses wait 0.1 s, 0.2 s … rather than 1 s, 2 s …, so a lockout is reached in a moment.
        environment.put("DISPATCH_AUTH_FAILURE_DELAY", "100ms");
        // The gateway's sign-in limit per address (10 a minute) is not what this test is about.
        environment.put("DISPATCH_SIGN_IN_RATE_LIMIT", "100");
        return environment;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(gateway(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void sql(String database, String statements) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    private List<String> markers() throws SQLException {
        List<String> notes = new ArrayList<>();
        try (Connection connection = connect("request"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT note FROM stack_it_marker")) {
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
        }
        return notes;
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection connection = connect("request"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + ports.get("DISPATCH_POSTGRES_PORT") + "/"
                + database, "postgres", "");
    }

    /**
     * Six different free ports, the four processes' management ports (+ 1000) free too, and the port after
     * Kafka's for its controller (the system may offer a port twice).
     */
    private static Map<String, String> freePorts() {
        Map<String, String> ports = new HashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (String name : List.of("DISPATCH_GATEWAY_PORT", "DISPATCH_REQUEST_SERVICE_PORT",
                "DISPATCH_VOLUNTEER_SERVICE_PORT", "DISPATCH_MEMBER_SERVICE_PORT")) {
            int port = freePort();
            while (taken.contains(port) || taken.contains(StackSettings.managementPort(port))
                    || !free(StackSettings.managementPort(port))) {
                port = freePort();
            }
            taken.add(port);
            taken.add(StackSettings.managementPort(port));
            ports.put(name, Integer.toString(port));
        }
        int postgres = freePort();
        while (!taken.add(postgres)) {
            postgres = freePort();
        }
        ports.put("DISPATCH_POSTGRES_PORT", Integer.toString(postgres));
        int kafka = freePort();
        while (taken.contains(kafka) || taken.contains(kafka + 1) || !free(kafka + 1)) {
            kafka = freePort();
        }
        ports.put("DISPATCH_KAFKA_PORT", Integer.toString(kafka));
        return ports;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    /** The launcher run exactly as ./run.sh runs it. */
    private record Stack(Process launcher, Thread reader, List<String> output, List<ProcessHandle> children) {

        static Stack start(Map<String, String> environment, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", ROOT.resolve("deploy/local/target/local-stack.jar") + ":" + ROOT.resolve("deploy/local/target/lib/*"),
                    "community.dispatch.local.LocalStack"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process launcher = builder.start();
            List<String> output = new CopyOnWriteArrayList<>();
            CompletableFuture<Boolean> up = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        System.out.println("[stack] " + line);
                        output.add(line);
                        if (line.contains("community-dispatch is up")) {
                            up.complete(true);
                        }
                    }
                }
                catch (IOException ignored) {
                    // the launcher is gone; the exit code tells the rest
                }
                up.complete(false);
            }, "stack-output");
            reader.setDaemon(true);
            reader.start();
            boolean started = up.get(6, TimeUnit.MINUTES);
            assertThat(started).as("the stack came up; its output:%n%s", String.join("\n", output)).isTrue();
            return new Stack(launcher, reader, output, new CopyOnWriteArrayList<>(launcher.descendants().toList()));
        }

        void stop() throws InterruptedException {
            children.addAll(launcher.descendants().toList()); // those started again, too
            // SIGTERM through the handle: Process.destroy() would also close the pipe we read from.
            launcher.toHandle().destroy();
            if (!launcher.waitFor(3, TimeUnit.MINUTES)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }

        void assertNothingLeft(Map<String, String> ports) {
            assertThat(launcher.isAlive()).isFalse();
            assertThat(children).as("the services and the broker").isNotEmpty().noneMatch(ProcessHandle::isAlive);
            assertThat(output).anyMatch(line -> line.endsWith("stopped"));
            ports.values().stream().map(Integer::parseInt)
                    .forEach(port -> assertThat(free(port)).as("port %d is free", port).isTrue());
            assertThat(free(Integer.parseInt(ports.get("DISPATCH_KAFKA_PORT")) + 1)).isTrue();
        }
    }
}
