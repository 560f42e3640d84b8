package community.dispatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
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
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final String ADMIN_PASSWORD = "stack-admin-password";
    private static final List<String> SERVICES = List.of("request-service", "volunteer-service", "member-service");
    /** The trace a client starts with its submission (W3C trace context, sampled). */
    private static final String TRACE_ID = "5ee1c0de00004a0080000000000d15a7";

    /** The stack's data folder, for the whole class: the restart finds what the first start kept there. */
    private Path data;

    private final Map<String, String> ports = LaunchedStack.freePorts();
    private final StackClient client = new StackClient(ports);
    /** The first start, which the steps up to the restart call; stopped by the last step, or after all. */
    private LaunchedStack first;
    private String resident;
    private boolean loopRan;

    @BeforeAll
    void start(@TempDir Path folder) throws Exception {
        data = folder;
        first = LaunchedStack.start(environment());
    }

    @AfterAll
    void stopIfStillUp() throws InterruptedException {
        if (first.launcher().isAlive()) {
            first.stop();
        }
    }

    /** What the gateway's Swagger UI reads first, and then each document it lists. */
    @Test
    @Order(1)
    void swaggerUiListsEveryServicesDocumentAndEachLoadsThroughTheGateway() throws Exception {
        HttpResponse<String> config = client.get("/gateway/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        List<String> names = JsonPath.read(config.body(), "$.urls[*].name");
        assertThat(names).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (String service : SERVICES) {
            List<String> urls = JsonPath.read(config.body(), "$.urls[?(@.name == '" + service + "')].url");
            HttpResponse<String> document = client.get(urls.get(0));
            assertThat(document.statusCode()).as(urls.get(0)).isEqualTo(200);
            assertThat((String) JsonPath.read(document.body(), "$.info.title")).isEqualTo(service);
            assertThat((String) JsonPath.read(document.body(), "$.components.securitySchemes.sign-in.flows.password.tokenUrl"))
                    .isEqualTo("/oauth2/token");
        }
    }

    /** "Authorize" in Swagger UI: the password grant as its public client, as the browser sends it. */
    @Test
    @Order(2)
    void swaggerUiAuthorizeGetsATokenFromTheIssuerThroughTheGateway() throws Exception {
        HttpResponse<String> tokens = client.http.send(HttpRequest.newBuilder(client.gateway("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("swagger-ui:".getBytes()))
                .header("X-Request-Id", "stack-it-authorize")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=admin&password=" + ADMIN_PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("X-Request-Id")).hasValue("stack-it-authorize");
        HttpResponse<String> me = client.get("/api/v1/members/me", JsonPath.read(tokens.body(), "$.access_token"));
        assertThat(me.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void anUnauthenticatedCallIsA401Problem() throws Exception {
        HttpResponse<String> unauthenticated = client.get("/api/v1/requests");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    /** The whole sign-in story, through the gateway only. */
    @Test
    @Order(4)
    void anAdminRegistersAResidentWhoSignsInWithACodeFromTheSandbox() throws Exception {
        String admin = admin();
        HttpResponse<String> grids = client.get("/api/v1/grids", admin);
        assertThat(grids.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<List<Object>>read(grids.body(), "$")).as("the demo community's grids").hasSize(6);

        String phone = "19912345678";
        client.post("/api/v1/members", admin, "{\"name\":\"新居民\",\"phone\":\"" + phone + "\",\"roles\":[\"RESIDENT\"]}", 201);
        client.post("/api/v1/auth/codes", null, "{\"phone\":\"" + phone + "\"}", 202);
        Matcher code = signInCode(phone, admin);
        resident = JsonPath.read(client.post("/api/v1/auth/login", null,
                "{\"phone\":\"" + phone + "\",\"code\":\"" + code.group(1) + "\"}", 200), "$.access_token");

        HttpResponse<String> me = client.get("/api/v1/members/me", resident);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(me.body(), "$.phone")).isEqualTo(phone);
        HttpResponse<String> mine = client.get("/api/v1/requests", resident);
        assertThat(mine.statusCode()).as("request-service accepts member-service's token").isEqualTo(200);
    }

    /** The loop the community runs: collect orders, accept orders, precise dispatch — through the gateway. */
    @Test
    @Order(5)
    void aResidentsRequestMovesAsAVolunteerActs() throws Exception {
        assertThat(resident).as("the resident who signed in (step 4)").isNotNull();
        String admin = admin();
        String request = JsonPath.read(client.post("/api/v1/requests", resident, """
                {"categoryCode":"household-help","description":"水龍頭漏水 the tap leaks","attributes":{"kind":"repair"}}""",
                201, "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"), "$.request.id");
        String[] offer = await().atMost(Duration.ofSeconds(60)).until(() -> openOffer(request), found -> found != null);
        String volunteerPhone = phoneOf(offer[1]);
        client.post("/api/v1/auth/codes", null, "{\"phone\":\"" + volunteerPhone + "\"}", 202);
        Matcher code = signInCode(volunteerPhone, admin);
        String volunteer = JsonPath.read(client.post("/api/v1/auth/login", null,
                "{\"phone\":\"" + volunteerPhone + "\",\"code\":\"" + code.group(1) + "\"}", 200), "$.access_token");

        assertThat(JsonPath.<List<String>>read(client.get("/api/v1/orders?status=OFFERED", volunteer).body(), "$[*].id"))
                .contains(offer[0]);
        // The volunteer's phone watches its orders live through the gateway, as the README's curl -N does.
        List<String> stream = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Void>> watching = client.http.sendAsync(HttpRequest.newBuilder(client.gateway("/api/v1/orders/stream"))
                .header("Authorization", "Bearer " + volunteer).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new StackClient.LinesInto(stream)));
        await().atMost(Duration.ofSeconds(30)).until(() -> stream.contains(":connected"));
        client.post("/api/v1/orders/" + offer[0] + "/acceptance", volunteer, "{}", 200);
        client.post("/api/v1/orders/" + offer[0] + "/check-in", volunteer, "{}", 200);
        client.post("/api/v1/orders/" + offer[0] + "/check-out", volunteer, "{\"note\":\"換了墊圈 replaced the washer\"}", 200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stream)
                .containsSubsequence("event:accepted", "event:started", "event:completed")
                .anyMatch(line -> line.startsWith("data:") && line.contains(offer[0])));
        watching.cancel(true);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(JsonPath.<String>read(
                client.get("/api/v1/requests/" + request, resident).body(), "$.status")).isEqualTo("RESOLVED"));
        loopRan = true;
        new LoopObserved(client, ports, data, TRACE_ID).check();
    }

    /**
     * The README's municipal curl session through the real gateway: an admin registers the city's platform and
     * issues it an api_key (once request-service has learned of the registration), the platform reads the
     * services, files a request form-encoded without a token, and follows it in XML and in the updates.
     */
    @Test
    @Order(6)
    void aCitySystemFilesAndFollowsARequestThroughOpen311() throws Exception {
        String admin = admin();
        String clientId = JsonPath.read(client.post("/api/v1/auth/clients", admin, "{\"name\":\"12345 hotline platform\"}", 201),
                "$.clientId");
        String apiKey = await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> issued = client.http.send(HttpRequest.newBuilder(client.gateway("/api/v1/open311/api-keys"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + clientId + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return issued.statusCode() == 201 ? JsonPath.<String>read(issued.body(), "$.apiKey") : null;
        }, key -> key != null);
        assertThat(client.get("/open311/v2/services.xml").body()).contains("<service_code>free-clinic</service_code>");

        HttpResponse<String> filed = client.http.send(HttpRequest.newBuilder(client.gateway("/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("api_key=" + apiKey + "&service_code=free-clinic&lat=33.9596&long=116.7943"
                        + "&attribute%5Bhome-visit%5D=yes&first_name=Mei&phone=%2B8613800138000"
                        + "&description=My+father+needs+his+blood+pressure+checked")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String id = JsonPath.read(filed.body(), "$[0].service_request_id");

        HttpResponse<String> followed = client.get("/open311/v2/requests/" + id + ".xml");
        assertThat(followed.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
        assertThat(followed.body()).contains("<service_request_id>" + id + "</service_request_id>", "<status>open</status>")
                .doesNotContain("Mei", "8613800138000");
        assertThat(client.get("/open311/v2/servicerequestupdates.json").body()).contains(id);
    }

    /**
     * Where a caller is, only the gateway says: rotating X-Forwarded-For and Forwarded through it does not get
     * past a lockout; a service's own port, and every process's actuator, is not open beyond loopback; and a
     * direct call to a service that names an address counts as the machine itself, which is locked too.
     */
    @Test
    @Order(7)
    void onlyTheGatewaySaysWhereACallerIs() throws Exception {
        String admin = admin();
        client.post("/api/v1/members", admin, """
                {"name":"職員","roles":["STAFF"],"username":"staff.edge","password":"the-owners-password"}""", 201);
        for (int i = 0; i < 5; i++) {
            int status = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> login(client.gateway(""),
                    "wrong-guess", "X-Forwarded-For", "203.0.113." + (int) (Math.random() * 250), "Forwarded",
                    "for=198.51.100." + (int) (Math.random() * 250)).statusCode(), answer -> answer != 429);
            assertThat(status).isEqualTo(400);
        }
        HttpResponse<String> locked = login(client.gateway(""), "the-owners-password", "X-Forwarded-For", "192.0.2.77");
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

    /** After the loop of step 5, whose metrics count its one request. */
    @Test
    @Order(8)
    void theOfficeConsoleWorksInABrowser() throws Exception {
        assertThat(loopRan).as("the loop of step 5 ran").isTrue();
        new OfficeConsole(client.gateway("/"), admin(), LaunchedStack.ROOT.resolve("deploy/local/target/console-screenshots")).check();
    }

    /**
     * {@code kill -9} of request-service: the launcher starts it again within 15 s, mapping the class archive the
     * first start wrote, and it serves again.
     */
    @Test
    @Order(9)
    void aKilledServiceIsStartedAgainByItself() throws Exception {
        ProcessHandle requestService = first.launcher().descendants()
                .filter(child -> child.info().commandLine().orElse("").contains("request-service.jar"))
                .findFirst().orElseThrow();
        requestService.destroyForcibly();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(first.output()).anyMatch(line -> line.contains("request-service started again")));
        assertThat(first.output()).anyMatch(line -> line.contains("request-service (pid " + requestService.pid()
                + ") exited unexpectedly"));
        ProcessHandle again = first.launcher().descendants()
                .filter(child -> child.info().commandLine().orElse("").contains("request-service.jar"))
                .findFirst().orElseThrow();
        assertThat(again.info().commandLine().orElse(""))
                .contains("-XX:SharedArchiveFile=" + LaunchedStack.ROOT.resolve("request-service/target/app/request-service-jdk"
                        + System.getProperty("java.version") + ".jsa"));
        // Started gently: at a lower priority while it starts, so the processes that stayed up keep the CPU ...
        assertThat(niceness(again.pid())).isEqualTo(ChildProcess.GENTLE_NICENESS);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(client.get("/api/v1/categories").statusCode()).isEqualTo(200));
        // ... and at the usual one once ready (raising a priority again takes root; anyone else's keeps the lower one).
        boolean root = "root".equals(System.getProperty("user.name"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(niceness(again.pid())).isEqualTo(root ? 0 : 10));
    }

    /** A process's niceness, from {@code /proc/<pid>/stat} (the 19th field). */
    private static int niceness(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    /** SIGTERM leaves no process and no listening port; a second start keeps the data; --reset starts from empty. */
    @Test
    @Order(10)
    void stopsCleanlyAndKeepsDataUntilReset() throws Exception {
        client.sql("request", "CREATE TABLE stack_it_marker (note text); INSERT INTO stack_it_marker VALUES ('kept')");
        first.stop();
        first.assertNothingLeft(ports);

        LaunchedStack second = LaunchedStack.start(environment());
        try {
            assertThat(client.rows("request", "SELECT note FROM stack_it_marker")).containsExactly(List.of("kept"));
        }
        finally {
            second.stop();
        }
        second.assertNothingLeft(ports);

        LaunchedStack reset = LaunchedStack.start(environment(), "--reset");
        try {
            assertThat(reset.output()).anyMatch(line -> line.contains("reset: deleted"));
            assertThat(client.rows("request", "SELECT to_regclass('stack_it_marker') IS NOT NULL")).containsExactly(List.of("f"));
        }
        finally {
            reset.stop();
        }
        reset.assertNothingLeft(ports);
    }

    private HttpResponse<String> login(URI base, String password, String... headers) throws IOException, InterruptedException {
        return client.http.send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/login")).header("Content-Type", "application/json")
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

    private String admin() throws Exception {
        return JsonPath.read(client.post("/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", 200), "$.access_token");
    }

    /**
     * The newest sign-in code the SMS sandbox holds for the phone (a volunteer's phone also gets offers told), once
     * it is there: codes are texted from a queue, just after the request is answered.
     */
    private Matcher signInCode(String phone, String admin) throws Exception {
        Pattern sixDigits = Pattern.compile("验证码 (\\d{6})");
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<String> texts = JsonPath.read(client.get("/api/v1/auth/sms-sandbox?phone=" + phone, admin).body(), "$[*].text");
            Matcher code = sixDigits.matcher(texts.stream().filter(text -> text.contains("验证码")).findFirst().orElse(""));
            return code.find() ? code : null;
        }, found -> found != null);
    }

    /** The open offer for the request, as [order id, volunteer id], read from volunteer-service's database. */
    private String[] openOffer(String request) throws SQLException {
        return client.rows("volunteer", "SELECT id, volunteer_id FROM order_offer WHERE status = 'OFFERED' AND request_id = '"
                + UUID.fromString(request) + "'").stream().findFirst().map(row -> row.toArray(String[]::new)).orElse(null);
    }

    private String phoneOf(String memberId) throws SQLException {
        return client.rows("member", "SELECT phone FROM member WHERE id = '" + UUID.fromString(memberId) + "'").get(0).get(0);
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(ports);
        environment.put("DISPATCH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("DISPATCH_ROOT", LaunchedStack.ROOT.toString());
        environment.put("DISPATCH_DATA_DIR", data.toString());
        // Guesses wait 0.1 s, 0.2 s … rather than 1 s, 2 s …, so a lockout is reached in a moment.
        environment.put("DISPATCH_AUTH_FAILURE_DELAY", "100ms");
        // The gateway's sign-in limit per address (10 a minute) is not what this test is about.
        environment.put("DISPATCH_SIGN_IN_RATE_LIMIT", "100");
        return environment;
    }
}
