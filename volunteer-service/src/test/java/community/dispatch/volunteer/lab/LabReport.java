package community.dispatch.volunteer.lab;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import community.dispatch.volunteer.dispatching.domain.Scoring;

/**
 * The dispatch lab's report: {@code bench/dispatch-lab.sh [seed] [folder]} (which runs this with the test classpath,
 * where the charting library is) writes {@code report.md} and its plots into the folder. See the "Dispatch lab" section
 * of volunteer-service's README for what it measures and the latest result.
 */
public final class LabReport {

    /** How much busier than usual the busy week is. */
    static final double BUSY = 3;
    /** The weeks the weights are chosen on: three usual ones and a busy one, none of them the reported week. */
    private static final long[] SWEEP_SEEDS = { 1, 2, 3, 4 };

    private LabReport() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        long seed = args.length > 0 ? Long.parseLong(args[0]) : DispatchLab.SEED;
        Path folder = Path.of(args.length > 1 ? args[1] : "target/dispatch-lab");
        Files.createDirectories(folder);
        long started = System.nanoTime();
        StringBuilder report = new StringBuilder("# Dispatch lab\n\n");
        report.append("Seed %d; weights %s (team, skill, proximity, load, fairness, rating).%n%n"
                .formatted(seed, weights(Scoring.Weights.DEFAULT)));

        LabWeek usual = WeekGenerator.generate(seed, 1);
        List<Simulation.Run> usualRuns = DispatchLab.runs(usual, Scoring.Weights.DEFAULT);
        List<Measures> usualRows = DispatchLab.measure(usualRuns, request -> true);
        report.append("## A usual week: %d requests, %d volunteers%n%n".formatted(usual.requests().size(),
                usual.volunteers().size()));
        report.append(Measures.table(usualRows));
        report.append(untakenByCategory(usualRuns.get(0)));

        LabWeek busy = WeekGenerator.generate(seed, BUSY);
        report.append("%n## A busy week (%s times the requests): %d requests%n%n".formatted(number(BUSY),
                busy.requests().size()));
        List<Measures> busyRows = DispatchLab.compare(busy, Scoring.Weights.DEFAULT, request -> true);
        report.append(Measures.table(busyRows));

        report.append("\n## Greedy against the goals, over twenty weeks (seeds %d to %d, each usual and busy)\n\n".formatted(seed, seed + 9));
        report.append(goals(seed));

        report.append("\n## Choosing the weights\n\n");
        List<Sweep> sweep = sweep();
        report.append(choice(sweep));

        plots(folder, usualRuns, usualRows, busyRows, sweep);
        report.append("%nPlots: `acceptance.png`, `fairness.png`, `weights.png`. Written in %d s.%n"
                .formatted(Duration.ofNanos(System.nanoTime() - started).toSeconds()));
        Files.writeString(folder.resolve("report.md"), report);
        System.out.println(report);
        System.out.println("Written to " + folder.toAbsolutePath());
    }

    /** Which requests went untaken under greedy, and why, by category. */
    private static String untakenByCategory(Simulation.Run greedy) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Case taken : greedy.cases()) {
            int[] count = counts.computeIfAbsent(taken.request().categoryCode(), category -> new int[3]);
            count[0]++;
            if (taken.state() == Case.State.UNASSIGNABLE) {
                count[taken.offersMade() == 0 ? 1 : 2]++;
            }
        }
        StringBuilder text = new StringBuilder("\nUntaken under greedy, by category: nobody able and free when it came, "
                + "or after its offers (declined, expired, the limit reached or nobody left).\n\n"
                + "| category | requests | nobody free | after offers |\n|---|---|---|---|\n");
        counts.forEach((category, count) -> text.append("| %s | %d | %d | %d |%n".formatted(category, count[0], count[1],
                count[2])));
        return text.toString();
    }

    private static String goals(long seed) {
        List<Double> shares = new ArrayList<>();
        List<Double> giniOverRoundRobin = new ArrayList<>();
        List<Double> monthGiniOverRoundRobin = new ArrayList<>();
        List<Double> batchGiniOverGreedy = new ArrayList<>();
        List<Double> batchWaitOverGreedy = new ArrayList<>();
        for (double busy : new double[] { 1, BUSY }) {
            for (long week = seed; week < seed + 10; week++) {
                List<Measures> rows = DispatchLab.compare(WeekGenerator.generate(week, busy), Scoring.Weights.DEFAULT,
                        request -> true);
                Measures greedy = rows.get(0);
                Measures optimal = rows.get(3);
                shares.add(greedy.shareOfOptimum());
                giniOverRoundRobin.add(greedy.giniOfHours() - rows.get(1).giniOfHours());
                monthGiniOverRoundRobin.add(greedy.giniOf30Days() - rows.get(1).giniOf30Days());
                batchGiniOverGreedy.add(optimal.giniOfHours() - greedy.giniOfHours());
                batchWaitOverGreedy.add(optimal.acceptMinutesP50() - greedy.acceptMinutesP50());
            }
        }
        return """
                Greedy's score as a share of the optimal batch assignment's: %s to %s, mean %s (goal: at least 0.95). \
                Greedy's Gini of hours less round-robin's — of the week's hours: %s to %s, mean %s (goal: at most +0.05); \
                of the 30 days' (the fairness component's measure): %s to %s, mean %s. The optimal batch against greedy: \
                Gini of the week's hours %s to %s, median minutes to acceptance %s to %s.
                """.formatted(number(min(shares)), number(max(shares)), number(mean(shares)), signed(min(giniOverRoundRobin)),
                signed(max(giniOverRoundRobin)), signed(mean(giniOverRoundRobin)), signed(min(monthGiniOverRoundRobin)),
                signed(max(monthGiniOverRoundRobin)), signed(mean(monthGiniOverRoundRobin)), signed(min(batchGiniOverGreedy)),
                signed(max(batchGiniOverGreedy)), signed(min(batchWaitOverGreedy)), signed(max(batchWaitOverGreedy)));
    }

    private static String signed(double value) {
        return (value >= 0 ? "+" : "") + number(value);
    }

    /** One weight set's measures, averaged over the sweep's weeks. */
    record Sweep(Scoring.Weights weights, double sla, double untaken, double p95, double metres, double gini, double skill) {
    }

    private static List<Sweep> sweep() {
        List<LabWeek> weeks = Arrays.stream(SWEEP_SEEDS).mapToObj(seed -> WeekGenerator.generate(seed, seed == 4 ? BUSY : 1))
                .toList();
        List<Sweep> sweep = new ArrayList<>();
        for (double skill : new double[] { 1, 2 }) {
            for (double proximity : new double[] { 1.5, 3, 5, 8, 12 }) {
                for (double load : new double[] { 1, 2 }) {
                    for (double fairness : new double[] { 1, 2, 4, 6, 8 }) {
                        Scoring.Weights weights = new Scoring.Weights(2, skill, proximity, load, fairness, 0.5);
                        List<Measures> measured = weeks.stream()
                                .map(week -> Measures.of(Simulation.run(week, weights, Policy.greedy()), taken -> true)).toList();
                        sweep.add(new Sweep(weights, average(measured, Measures::slaCompliance), average(measured, Measures::untaken),
                                average(measured, Measures::acceptMinutesP95), average(measured, Measures::metresWalked),
                                average(measured, Measures::giniOfHours), average(measured, Measures::skillMatch)));
                    }
                }
            }
        }
        return sweep;
    }

    /**
     * The rule the defaults were chosen by: among the weight sets that keep SLA compliance and the share untaken within
     * half a point of the best and spread hours no less evenly than the old defaults, the smallest sum of the
     * 95th-percentile acceptance time, metres walked and Gini of hours — each scaled to the spread the sweep found
     * (0 for the best set's, 1 for the worst's), so each counts as much as the weights can move it.
     */
    static List<Sweep> ranked(List<Sweep> sweep, Scoring.Weights old) {
        double bestSla = sweep.stream().mapToDouble(Sweep::sla).max().orElseThrow();
        double bestUntaken = sweep.stream().mapToDouble(Sweep::untaken).min().orElseThrow();
        Sweep before = sweep.stream().filter(row -> row.weights().equals(old)).findFirst().orElseThrow();
        ToDoubleFunction<Sweep> p95 = scaled(sweep, Sweep::p95);
        ToDoubleFunction<Sweep> metres = scaled(sweep, Sweep::metres);
        ToDoubleFunction<Sweep> gini = scaled(sweep, Sweep::gini);
        return sweep.stream().filter(row -> row.sla() >= bestSla - 0.005 && row.untaken() <= bestUntaken + 0.005
                        && row.gini() <= before.gini())
                .sorted(Comparator.comparingDouble(row -> p95.applyAsDouble(row) + metres.applyAsDouble(row)
                        + gini.applyAsDouble(row)))
                .toList();
    }

    /** The measure scaled to 0 at its lowest in the sweep and 1 at its highest. */
    private static ToDoubleFunction<Sweep> scaled(List<Sweep> sweep, ToDoubleFunction<Sweep> measure) {
        double low = sweep.stream().mapToDouble(measure).min().orElseThrow();
        double high = sweep.stream().mapToDouble(measure).max().orElseThrow();
        return row -> high == low ? 0 : (measure.applyAsDouble(row) - low) / (high - low);
    }

    static Sweep chosen(List<Sweep> sweep, Scoring.Weights old) {
        return ranked(sweep, old).get(0);
    }

    private static final Scoring.Weights OLD_DEFAULTS = new Scoring.Weights(2, 1, 1.5, 1, 1, 0.5);

    private static String choice(List<Sweep> sweep) {
        Sweep chosen = chosen(sweep, OLD_DEFAULTS);
        Sweep before = sweep.stream().filter(row -> row.weights().equals(OLD_DEFAULTS)).findFirst().orElseThrow();
        StringBuilder text = new StringBuilder("""
                Greedy with %d weight sets (skill 1–2, proximity 1.5–12, load 1–2, fairness 1–8; team 2 and rating 0.5 \
                fixed) on weeks %s (the last busy), averaged. Chosen: among the sets within half a point of the best \
                SLA compliance and share untaken, and no less fair (Gini of hours) than the old defaults, the smallest sum \
                of p95 acceptance, metres walked and Gini of hours, each scaled to the spread the sweep found (0 the \
                best set's, 1 the worst's); the best eight so ranked are listed.

                | weights | SLA | untaken | p95 min | metres | Gini | skill match |
                |---|---|---|---|---|---|---|
                """.formatted(sweep.size(), Arrays.toString(SWEEP_SEEDS)));
        List<Sweep> shown = new ArrayList<>(List.of(before));
        shown.addAll(ranked(sweep, OLD_DEFAULTS).stream().limit(8).toList());
        for (Sweep row : shown) {
            text.append("| %s%s | %s | %s | %s | %s | %s | %s |%n".formatted(weights(row.weights()),
                    row == chosen ? " (chosen)" : row == before ? " (old defaults)" : "", number(row.sla()), number(row.untaken()),
                    number(row.p95()), number(row.metres()), number(row.gini()), number(row.skill())));
        }
        return text.append("\nThe defaults in use: ").append(weights(Scoring.Weights.DEFAULT)).append(".\n").toString();
    }

    private static void plots(Path folder, List<Simulation.Run> usual, List<Measures> usualRows, List<Measures> busy,
            List<Sweep> sweep)
            throws IOException {
        DefaultCategoryDataset acceptance = new DefaultCategoryDataset();
        for (Measures row : usualRows) {
            acceptance.addValue(row.acceptMinutesP50(), "p50, usual week", row.policy());
            acceptance.addValue(row.acceptMinutesP95(), "p95, usual week", row.policy());
        }
        for (Measures row : busy) {
            acceptance.addValue(row.acceptMinutesP95(), "p95, busy week", row.policy());
        }
        JFreeChart bars = ChartFactory.createBarChart("Submission to acceptance", "policy", "minutes", acceptance);
        ChartUtils.saveChartAsPNG(folder.resolve("acceptance.png").toFile(), bars, 900, 500);

        XYSeriesCollection lorenz = new XYSeriesCollection();
        for (Simulation.Run run : usual) {
            double[] hours = run.helpers().stream().mapToDouble(Helper::weekHours).sorted().toArray();
            double total = Arrays.stream(hours).sum();
            XYSeries curve = new XYSeries(run.policy());
            curve.add(0, 0);
            double sum = 0;
            for (int i = 0; i < hours.length; i++) {
                sum += hours[i];
                curve.add((i + 1.0) / hours.length, total == 0 ? 0 : sum / total);
            }
            lorenz.addSeries(curve);
        }
        JFreeChart fairness = ChartFactory.createXYLineChart("Hours across volunteers (Lorenz curves, usual week)",
                "share of volunteers, least busy first", "share of the week's hours", lorenz, PlotOrientation.VERTICAL,
                true, false, false);
        ChartUtils.saveChartAsPNG(folder.resolve("fairness.png").toFile(), fairness, 800, 600);

        XYSeriesCollection points = new XYSeriesCollection();
        XYSeries all = new XYSeries("weight sets");
        sweep.forEach(row -> all.add(row.gini(), row.p95()));
        XYSeries marked = new XYSeries("the old defaults (right), the chosen (left)");
        Sweep chosen = chosen(sweep, OLD_DEFAULTS);
        sweep.stream().filter(row -> row.weights().equals(OLD_DEFAULTS) || row == chosen)
                .forEach(row -> marked.add(row.gini(), row.p95()));
        points.addSeries(all);
        points.addSeries(marked);
        JFreeChart scatter = ChartFactory.createScatterPlot("Greedy's weight sets: fairness against acceptance time",
                "Gini of hours", "p95 submission to acceptance, minutes", points);
        XYPlot plot = scatter.getXYPlot();
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, Color.GRAY);
        renderer.setSeriesPaint(1, Color.RED);
        renderer.setSeriesShape(1, new Ellipse2D.Double(-6, -6, 12, 12));
        plot.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(folder.resolve("weights.png").toFile(), scatter, 800, 600);
    }

    private static double average(List<Measures> measured, ToDoubleFunction<Measures> measure) {
        return measured.stream().mapToDouble(measure).average().orElse(0);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    static String weights(Scoring.Weights weights) {
        return "%s/%s/%s/%s/%s/%s".formatted(number(weights.team()), number(weights.skill()), number(weights.proximity()),
                number(weights.load()), number(weights.fairness()), number(weights.rating()));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
