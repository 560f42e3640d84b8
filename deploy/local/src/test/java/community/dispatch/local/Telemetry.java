package community.dispatch.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the running stack tells about itself: the metrics a process exports on its management port, and the
 * metric names the dashboard and the alert rules in {@code deploy/observability} use.
 */
record Telemetry(String exposition) {

    /** A metric name as the dashboard and the rules write it (label names and PromQL functions never look like this). */
    private static final Pattern METRIC = Pattern.compile(
            "\\b((?:dispatch|http|kafka|resilience4j|jvm|process|spring)_[a-z0-9_]+)");

    static Telemetry scrape(HttpClient http, int port) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("/actuator/prometheus on port " + port + " answered " + answer.statusCode());
        }
        return new Telemetry(answer.body());
    }

    /** The names of every series exported, with the bare names of histograms and timers from their TYPE lines. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            }
            else if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]")[0]);
            }
        }
        return names;
    }

    /** The sum of the series of this metric whose labels include all of {@code labels} (as {@code key="value"}). */
    double value(String metric, String... labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                String series = line.substring(0, line.lastIndexOf(' '));
                if (List.of(labels).stream().allMatch(series::contains)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    /** The metric names a dashboard or rules file refers to. */
    static Set<String> usedIn(Path file) throws IOException {
        Set<String> used = new TreeSet<>();
        Matcher matcher = METRIC.matcher(Files.readString(file));
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        return used;
    }
}
