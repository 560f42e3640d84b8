package community.dispatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import com.jayway.jsonpath.JsonPath;

/**
 * The community office's console in a real browser, on a running stack: staff sign in and watch a resident's
 * new request arrive on the board, open it and assign it by hand from the dispatch preview, and watch it move;
 * the numbers page draws the API's figures; the map draws the compounds; rules and people list what the
 * services hold; a team leader and a grid worker see only their team and grid. On every page: no console
 * error, no serious accessibility violation (axe-core), and a screenshot kept in {@code target/console-screenshots}.
 */
final class OfficeConsole {

    private static final String GRID = "G01";
    private static final String OTHER_GRID = "G02";
    private static final String TEAM = "angel";
    private static final ZoneId COMMUNITY = ZoneId.of("Asia/Shanghai");

    private final URI gateway;
    private final String admin;
    private final Path screenshots;
    private final HttpClient http = HttpClient.newHttpClient();

    private record Member(String id, String username, String password) {
    }

    OfficeConsole(URI gateway, String admin, Path screenshots) {
        this.gateway = gateway;
        this.admin = admin;
        this.screenshots = screenshots;
    }

    void check() throws Exception {
        if (!Browser.available()) {
            return;
        }
        Member staff = member("李敏", "13900001001", "office.min", "STAFF");
        Member gridWorker = member("王芳", "13900001002", "grid.wang", "GRID_WORKER");
        call("PUT", "/api/v1/grids/" + GRID + "/posts/" + gridWorker.id(), admin, "{\"post\":\"GRID\",\"answersFor\":\"网格 " + GRID + "\"}", 200);
        Member leader = member("陈刚", "13900001003", "leader.chen", "VOLUNTEER", "TEAM_LEADER");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> send("PUT",
                "/api/v1/volunteers/" + leader.id() + "/teams", admin, "{\"teams\":[\"" + TEAM + "\"]}").statusCode() == 200);
        call("PUT", "/api/v1/teams/" + TEAM + "/leaders/" + leader.id(), admin, null, 200);
        String resident = resident("13900001004", GRID);
        String elsewhere = submit(resident("13900001005", OTHER_GRID));

        try (Browser browser = Browser.open(screenshots)) {
            try {
                browser.driver.get(gateway.resolve("/console/").toString());
                asEachRole(browser, staff, leader, gridWorker, resident, elsewhere);
            }
            catch (Exception | AssertionError failure) {
                browser.screenshot("failed");
                throw failure;
            }
        }
    }

    private void asEachRole(Browser browser, Member staff, Member leader, Member gridWorker, String resident, String elsewhere)
            throws Exception {
        signIn(browser, staff);
        assertThat(browser.script("return document.documentElement.lang")).as("Simplified Chinese by default").isEqualTo("zh-Hans");
        assertThat(browser.find("#nav-board").getText()).isEqualTo("调度看板");
        String request = aNewRequestAppearsAndIsAssignedByHand(browser, resident);
        aDuplicateIsMergedAndAnotherCancelledWithAReason(browser, resident, request);
        theNumbersAreDrawnFromTheApisFigures(browser);
        theMapDrawsTheCompoundsAndTheOpenRequest(browser, request);
        rulesAndPeopleListWhatTheServicesHold(browser);
        theContentSecurityPolicyHolds(browser);
        signOut(browser);

        // A team leader, reading English: their team's moves only, no grid, no register.
        browser.script("localStorage.setItem('console.language', 'en')");
        browser.driver.navigate().refresh();
        signIn(browser, leader);
        assertThat(browser.all("#nav a")).extracting(WebElement::getText).containsExactly("Board", "Numbers");
        assertThat(browser.attributes("#team option", "value")).containsExactly(TEAM);
        assertThat(browser.all("#grid")).isEmpty();
        pageIsClean(browser, "leader-board");
        browser.find("#nav-numbers").click();
        browser.find("#time-bank-panel svg");
        assertThat(browser.all("#by-team-panel, #visits-panel")).as("staff's KPIs, grid workers' visits").isEmpty();
        pageIsClean(browser, "leader-numbers");
        signOut(browser);
        browser.script("localStorage.removeItem('console.language')");
        browser.driver.navigate().refresh();

        // A grid worker: their grid's requests, never another grid's, whatever the page asks.
        signIn(browser, gridWorker);
        browser.find("#grid");
        assertThat(browser.attributes("#grid option", "value")).containsExactly(GRID);
        browser.find("[data-request='" + request + "']");
        assertThat(browser.attributes("[data-grid]", "data-grid")).containsOnly(GRID);
        assertThat(browser.script("""
                return fetch('/console/api/v1/requests?grid=%s&size=100').then(answer => answer.json())
                  .then(page => page.items.map(item => item.id));""".formatted(OTHER_GRID)))
                .asList().doesNotContain(elsewhere);
        assertThat(browser.all("#nav a")).extracting(WebElement::getText).doesNotContain("规则与人员");
        pageIsClean(browser, "grid-worker-board");
        browser.find("#nav-numbers").click();
        browser.find("#visits-panel");
        assertThat(browser.all("#by-team-panel, #time-bank-panel")).isEmpty();
        pageIsClean(browser, "grid-worker-numbers");
        browser.find("#nav-map").click();
        browser.find("#community-map circle[data-request='" + request + "']");
        pageIsClean(browser, "grid-worker-map");
    }

    /** Staff watch the grid's board; a resident submits; the card appears, is assigned from the preview, and moves. */
    private String aNewRequestAppearsAndIsAssignedByHand(Browser browser, String resident) throws Exception {
        browser.wait.until(driver -> !browser.find("#requests-state").getText().contains("加载"));
        // The moment each card first appears, by the browser's clock (the same machine's).
        browser.script("""
                window.appeared = {};
                new MutationObserver(() => document.querySelectorAll('[data-request]').forEach(card => {
                  window.appeared[card.dataset.request] ??= Date.now();
                })).observe(document.getElementById('requests'), { childList: true, subtree: true });""");
        String request = submit(resident);
        long acknowledged = System.currentTimeMillis();
        String card = "[data-request='" + request + "']";
        browser.find(card);
        long shown = ((Number) browser.script("return window.appeared[arguments[0]]", request)).longValue();
        System.out.printf("[console] the new request was on the board %d ms after its submission was acknowledged%n",
                Math.max(0, shown - acknowledged));
        assertThat(browser.attribute(card, "data-grid")).isEqualTo(GRID);
        pageIsClean(browser, "board");

        browser.press(card);
        browser.find("dialog[open] [data-assign]");
        browser.find("dialog[open] table");
        pageIsClean(browser, "request-dialog");
        browser.press("dialog[open] [data-assign]");
        browser.wait.until(driver -> browser.find("#candidates [role=status]").getText().startsWith("已派给"));
        browser.press("dialog[open] #close");
        browser.wait.until(driver -> "ASSIGNED".equals(browser.attribute(card, "data-status")));
        assertThat(JsonPath.<String>read(call("GET", "/api/v1/requests/" + request, admin, null, 200), "$.status")).isEqualTo("ASSIGNED");
        return request;
    }

    private void aDuplicateIsMergedAndAnotherCancelledWithAReason(Browser browser, String resident, String original) throws Exception {
        String duplicate = submit(resident);
        String withdrawn = submit(resident);
        decide(browser, duplicate, "#original", original, "已作为重复诉求关闭。");
        decide(browser, withdrawn, "#reason", "居民来电说已自行修好", "诉求已撤回。");
        browser.wait.until(driver -> browser.all("[data-request='" + duplicate + "'], [data-request='" + withdrawn + "']").isEmpty());
        assertThat(JsonPath.<String>read(call("GET", "/api/v1/requests/" + duplicate, admin, null, 200), "$.duplicateOf")).isEqualTo(original);
        assertThat(JsonPath.<String>read(call("GET", "/api/v1/requests/" + withdrawn, admin, null, 200), "$.status")).isEqualTo("CANCELLED");
        pageIsClean(browser, "board-after-decisions");
    }

    /** Opens the request's card by keyboard, fills the decision's one field, sends it and waits for its outcome. */
    private void decide(Browser browser, String request, String field, String value, String outcome) {
        browser.press("[data-request='" + request + "']");
        WebElement input = browser.find("dialog[open] " + field);
        input.sendKeys(value);
        WebElement form = input.findElement(By.xpath("./ancestor::form"));
        form.findElement(By.cssSelector("button[type=submit]")).sendKeys(Keys.ENTER);
        browser.wait.until(driver -> outcome.equals(form.findElement(By.cssSelector("[role=status]")).getText()));
        browser.press("dialog[open] #close");
    }

    private void theNumbersAreDrawnFromTheApisFigures(Browser browser) throws Exception {
        browser.find("#nav-numbers").click();
        browser.find("#by-team-chart rect");
        LocalDate monday = LocalDate.now(COMMUNITY).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        String figures = call("GET", "/api/v1/requests/kpis?groupBy=TEAM&from=" + monday.minusWeeks(3) + "&to=" + monday.plusDays(6),
                admin, null, 200);
        List<String> teams = JsonPath.read(figures, "$.figures[?(@.key)].key");
        assertThat(teams).isNotEmpty();
        assertThat(browser.all("#by-team-panel tbody tr")).as("one row per team with figures").hasSize(teams.size());
        assertThat(browser.all("#by-week-chart rect")).isNotEmpty();
        assertThat(browser.all("#time-bank-panel svg")).isNotEmpty();
        browser.find("#visits-panel");
        pageIsClean(browser, "numbers");
    }

    private void theMapDrawsTheCompoundsAndTheOpenRequest(Browser browser, String request) throws Exception {
        browser.find("#nav-map").click();
        browser.find("#community-map circle[data-request='" + request + "']");
        List<String> compounds = JsonPath.read(call("GET", "/api/v1/places/compounds", admin, null, 200), "$[*].code");
        assertThat(browser.all("#community-map polygon")).as("every compound's outline").hasSize(compounds.size());
        pageIsClean(browser, "map");
    }

    private void rulesAndPeopleListWhatTheServicesHold(Browser browser) throws Exception {
        browser.find("#nav-people").click();
        List<String> rules = JsonPath.read(call("GET", "/api/v1/dispatch-rules", admin, null, 200), "$[*].categoryCode");
        browser.wait.until(driver -> browser.all("#rules tbody tr").size() == rules.size());
        browser.wait.until(driver -> !browser.all("#register tbody tr").isEmpty());
        assertThat(browser.all("#teams tbody tr")).hasSize(6);
        browser.wait.until(driver -> browser.find("#teams").getText().contains("陈刚"));
        pageIsClean(browser, "rules-and-people");
    }

    /** A script the page did not load from its own origin does not run, and the refusal is reported. */
    private void theContentSecurityPolicyHolds(Browser browser) {
        browser.script("const inline = document.createElement('script'); inline.textContent = 'window.injected = true;';"
                + "document.body.append(inline);");
        assertThat(browser.script("return window.injected === true")).isEqualTo(false);
        assertThat(browser.errors()).anyMatch(error -> error.contains("Content Security Policy"));
    }

    /** No console error so far, no serious accessibility violation, and a screenshot of the page. */
    private void pageIsClean(Browser browser, String page) throws IOException {
        browser.screenshot(page);
        assertThat(browser.errors()).as("console errors on %s", page).isEmpty();
        assertThat(browser.seriousAccessibilityViolations()).as("axe-core on %s", page).isEmpty();
    }

    private void signIn(Browser browser, Member member) {
        browser.find("#username").sendKeys(member.username());
        browser.find("#password").sendKeys(member.password());
        browser.find("#sign-in").click();
        browser.wait.until(driver -> browser.find("#nav").isDisplayed());
    }

    private void signOut(Browser browser) {
        browser.find("#sign-out").click();
        browser.find("#username");
    }

    private Member member(String name, String phone, String username, String... roles) throws Exception {
        String password = username + "-password";
        String created = call("POST", "/api/v1/members", admin, """
                {"name":"%s","phone":"%s","roles":["%s"],"username":"%s","password":"%s"}"""
                .formatted(name, phone, String.join("\",\"", roles), username, password), 201);
        return new Member(JsonPath.read(created, "$.id"), username, password);
    }

    /** A resident living in the grid, signed in with a code from the SMS sandbox; answers their token. */
    private String resident(String phone, String grid) throws Exception {
        String building = JsonPath.read(call("GET", "/api/v1/grids/" + grid, admin, null, 200), "$.buildings[0].code");
        String compound = JsonPath.read(call("GET", "/api/v1/grids/" + grid, admin, null, 200), "$.buildings[0].compound");
        List<String> units = JsonPath.read(call("GET", "/api/v1/places/compounds/" + compound + "/units", admin, null, 200),
                "$[?(@.building == '" + building + "')].id");
        call("POST", "/api/v1/members", admin, """
                {"name":"居民%s","phone":"%s","roles":["RESIDENT"],"unitId":"%s"}""".formatted(phone.substring(7), phone, units.get(0)), 201);
        call("POST", "/api/v1/auth/codes", null, "{\"phone\":\"" + phone + "\"}", 202);
        Pattern sixDigits = Pattern.compile("验证码 (\\d{6})");
        String code = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Matcher found = sixDigits.matcher(call("GET", "/api/v1/auth/sms-sandbox?phone=" + phone, admin, null, 200));
            return found.find() ? found.group(1) : null;
        }, found -> found != null);
        return JsonPath.read(call("POST", "/api/v1/auth/login", null, "{\"phone\":\"" + phone + "\",\"code\":\"" + code + "\"}", 200),
                "$.access_token");
    }

    private String submit(String resident) throws Exception {
        return JsonPath.read(call("POST", "/api/v1/requests", resident, """
                {"categoryCode":"household-help","description":"楼道灯坏了 the stair light is out","attributes":{"kind":"repair"}}""", 201),
                "$.request.id");
    }

    private String call(String method, String path, String token, String json, int expected) throws Exception {
        HttpResponse<String> response = send(method, path, token, json);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
        return response.body();
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
