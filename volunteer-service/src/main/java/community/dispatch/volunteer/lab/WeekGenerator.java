package community.dispatch.volunteer.lab;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import community.dispatch.volunteer.dispatching.domain.Scoring;
import community.dispatch.volunteer.teams.Availability;

/**
 * Generates a community week, the same for the same seed. The proportions, and why (DOMAIN.md gives the community's
 * shape; what it does not give is inferred, and says so):
 * <ul>
 * <li><b>Place</b>: 12 compounds in 6 grids (two each), 6 to 12 buildings each, laid out over about 1.5 km as a
 * neighbourhood of Huaibei is; compounds differ in size (150 to 450 households, inferred), and requests and homes
 * follow size.</li>
 * <li><b>Volunteers</b>: {@value #VOLUNTEERS} in the six teams — DOMAIN.md counts 174 party members; about three in four
 * serving in a team is inferred — sized by whom the report says each team draws on (Red Steward and Angel largest;
 * Weaver smallest); one in ten also serves in a second team. Each has one or two of their team's skills at level 1
 * to 5, room for 1 to 3 orders at once (2 for most, the service's default), weekly hours by who they are (retired
 * servicemen in Baoliang by day every day; teachers in Lebei after school and at weekends; hospital staff in Angel
 * on evenings and weekend mornings; a few with no windows, which means any time), and one in twelve on leave for
 * 2 to 4 days of the week. Hours served in the 30 days before are skewed (a few regulars do most).</li>
 * <li><b>Requests</b>: about {@value #PER_DAY} a day (inferred: roughly 3,600 households asking once a season), more
 * at weekends; by hour, mornings and evenings busiest and nights quiet; by category, household help and health first
 * (the report's "urgent needs", elderly residents), then childcare, sewing, the river and study visits, straw burning
 * rare but an emergency; urgency as the catalogue sets it per category, with one in six household-help and clinic
 * requests urgent.</li>
 * <li><b>Rules</b>: the service's own defaults ({@link LabWeek#defaultRules}).</li>
 * </ul>
 */
public final class WeekGenerator {

    public static final int VOLUNTEERS = 128;
    public static final int PER_DAY = 40;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double CENTRE_LATITUDE = 33.9560;
    private static final double CENTRE_LONGITUDE = 116.7980;
    private static final double METRES_PER_DEGREE = 111_195;

    private static final List<String> TEAMS = List.of("angel", "weaver", "dawn", "red-steward", "baoliang", "lebei");
    private static final int[] TEAM_SIZES = { 26, 14, 20, 30, 22, 16 };
    private static final Map<String, List<String>> TEAM_SKILLS = Map.of("angel", List.of("nursing", "first-aid",
            "health-education"), "weaver", List.of("sewing", "handicraft"), "dawn", List.of("tutoring", "computer-help",
            "first-aid"), "red-steward", List.of("electrical-repair", "plumbing", "errands"), "baoliang",
            List.of("river-rescue", "cleaning", "patrol"), "lebei", List.of("childcare", "first-aid"));

    /** Category: share of requests, the catalogue's urgency, minutes of work, skills that serve it best. */
    private record Kind(String code, double share, String urgency, int minutes, List<String> skills) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("household-help", 0.26, "NORMAL", 60, List.of("electrical-repair", "plumbing", "errands")),
            new Kind("free-clinic", 0.18, "NORMAL", 40, List.of("nursing")),
            new Kind("childcare", 0.12, "URGENT", 150, List.of("childcare")),
            new Kind("sewing-mending", 0.10, "NORMAL", 60, List.of("sewing")),
            new Kind("river-patrol", 0.08, "URGENT", 75, List.of("river-rescue", "cleaning")),
            new Kind("study-visit", 0.08, "NORMAL", 60, List.of("tutoring")),
            new Kind("other", 0.08, "NORMAL", 45, List.of()),
            new Kind("health-talk", 0.06, "NORMAL", 90, List.of("health-education")),
            new Kind("straw-burning", 0.04, "EMERGENCY", 45, List.of("patrol")));

    /** Relative chance of a request in each local hour, 0 to 23. */
    private static final double[] HOURS = { 0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 0.7, 1.3, 1.7, 1.7, 1.5, 1.2, 0.8, 0.8, 1.1,
            1.2, 1.2, 1.1, 1.3, 1.5, 1.4, 1.0, 0.6, 0.3 };

    private WeekGenerator() {
    }

    /** A week of {@link #PER_DAY} requests a day (times {@code busy}) from Monday 2026-11-30, 00:00 in the community's zone. */
    public static LabWeek generate(long seed, double busy) {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate monday = LocalDate.of(2026, 11, 30).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant start = monday.atStartOfDay(ZONE).toInstant();
        List<Compound> compounds = compounds(random);
        List<LabWeek.Volunteer> volunteers = volunteers(random, compounds, monday);
        List<LabWeek.Request> requests = requests(random, compounds, monday, busy);
        return new LabWeek(seed, start, ZONE, LabWeek.defaultRules(), volunteers, requests);
    }

    private record Compound(String code, String grid, int households, List<Scoring.Place> buildings) {
    }

    private static List<Compound> compounds(SplittableRandom random) {
        List<Compound> compounds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String code = "C%02d".formatted(i + 1);
            double north = (i / 4 - 1) * 500 + random.nextDouble(-80, 80);
            double east = (i % 4 - 1.5) * 450 + random.nextDouble(-80, 80);
            List<Scoring.Place> buildings = new ArrayList<>();
            int count = random.nextInt(6, 13);
            for (int b = 1; b <= count; b++) {
                buildings.add(place(code + "/" + b, north + random.nextDouble(-120, 120), east + random.nextDouble(-120, 120)));
            }
            compounds.add(new Compound(code, "G%02d".formatted(i / 2 + 1), random.nextInt(150, 451), List.copyOf(buildings)));
        }
        return List.copyOf(compounds);
    }

    private static Scoring.Place place(String building, double north, double east) {
        double latitude = CENTRE_LATITUDE + north / METRES_PER_DEGREE;
        double longitude = CENTRE_LONGITUDE + east / (METRES_PER_DEGREE * Math.cos(Math.toRadians(CENTRE_LATITUDE)));
        return new Scoring.Place(building, Math.round(latitude * 1e6) / 1e6, Math.round(longitude * 1e6) / 1e6);
    }

    private static Compound bySize(SplittableRandom random, List<Compound> compounds) {
        int total = compounds.stream().mapToInt(Compound::households).sum();
        int pick = random.nextInt(total);
        for (Compound compound : compounds) {
            pick -= compound.households();
            if (pick < 0) {
                return compound;
            }
        }
        throw new IllegalStateException("no compound");
    }

    private static List<LabWeek.Volunteer> volunteers(SplittableRandom random, List<Compound> compounds, LocalDate monday) {
        List<LabWeek.Volunteer> volunteers = new ArrayList<>();
        for (int t = 0; t < TEAMS.size(); t++) {
            String team = TEAMS.get(t);
            for (int i = 0; i < TEAM_SIZES[t]; i++) {
                List<String> teams = random.nextInt(10) == 0
                        ? List.of(team, TEAMS.get((t + 1 + random.nextInt(5)) % TEAMS.size())) : List.of(team);
                Map<String, Integer> skills = new LinkedHashMap<>();
                List<String> pool = TEAM_SKILLS.get(team);
                skills.put(pool.get(random.nextInt(pool.size())), level(random));
                if (random.nextBoolean()) {
                    skills.putIfAbsent(pool.get(random.nextInt(pool.size())), level(random));
                }
                Compound home = bySize(random, compounds);
                Scoring.Place building = home.buildings().get(random.nextInt(home.buildings().size()));
                int room = random.nextInt(10) < 7 ? 2 : random.nextBoolean() ? 1 : 3;
                Double rating = random.nextInt(5) == 0 ? null : Math.round(random.nextDouble(3.5, 5.0) * 10) / 10.0;
                double prior = Math.min(40, Math.round(-Math.log(1 - random.nextDouble()) * 8 * 2) / 2.0);
                volunteers.add(new LabWeek.Volunteer(new UUID(random.nextLong(), random.nextLong()), teams, Map.copyOf(skills),
                        home.code(), home.grid(), building, room, availability(random, team, monday), rating, prior));
            }
        }
        return List.copyOf(volunteers);
    }

    private static int level(SplittableRandom random) {
        return 1 + Math.min(4, random.nextInt(2) + random.nextInt(2) + random.nextInt(3));
    }

    private static Availability availability(SplittableRandom random, String team, LocalDate monday) {
        List<Availability.Window> weekly = new ArrayList<>();
        if (random.nextInt(8) > 0) {
            for (DayOfWeek day : DayOfWeek.values()) {
                boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
                switch (team) {
                    case "baoliang" -> weekly.add(window(day, 6, 18));
                    case "lebei" -> weekly.add(weekend ? window(day, 9, 18) : window(day, 16, 21));
                    case "angel" -> {
                        if (weekend) {
                            weekly.add(window(day, 8, 12));
                        }
                        else if (random.nextInt(5) < 3) {
                            weekly.add(window(day, 18, 22));
                        }
                    }
                    case "red-steward" -> weekly.add(weekend ? window(day, 9, 17) : window(day, 8, 20));
                    default -> {
                        if (random.nextInt(7) < 4) {
                            weekly.add(random.nextBoolean() ? window(day, 9, 17) : window(day, 17, 22));
                        }
                    }
                }
            }
        }
        List<Availability.Leave> leave = new ArrayList<>();
        if (random.nextInt(12) == 0) {
            LocalDate from = monday.plusDays(random.nextInt(7));
            leave.add(new Availability.Leave(from, from.plusDays(random.nextInt(1, 4))));
        }
        return new Availability(weekly, leave);
    }

    private static Availability.Window window(DayOfWeek day, int from, int to) {
        return new Availability.Window(day, LocalTime.of(from, 0), LocalTime.of(to, 0));
    }

    private static List<LabWeek.Request> requests(SplittableRandom random, List<Compound> compounds, LocalDate monday,
            double busy) {
        List<LabWeek.Request> requests = new ArrayList<>();
        double hourTotal = java.util.Arrays.stream(HOURS).sum();
        for (int day = 0; day < 7; day++) {
            boolean weekend = day >= 5;
            int count = (int) Math.round(PER_DAY * (weekend ? 1.2 : 1.0) * busy);
            for (int i = 0; i < count; i++) {
                int hour = pick(random, HOURS, hourTotal);
                Instant at = monday.plusDays(day).atTime(hour, 0).atZone(ZONE).toInstant()
                        .plusSeconds(random.nextInt(3600));
                Kind kind = kind(random);
                String urgency = (kind.code().equals("household-help") || kind.code().equals("free-clinic"))
                        && random.nextInt(6) == 0 ? "URGENT" : kind.urgency();
                Compound compound = bySize(random, compounds);
                Scoring.Place place = compound.buildings().get(random.nextInt(compound.buildings().size()));
                String skill = kind.skills().isEmpty() ? null : kind.skills().get(random.nextInt(kind.skills().size()));
                Duration work = Duration.ofMinutes(Math.max(15, Math.round(kind.minutes() * random.nextDouble(0.6, 1.6))));
                requests.add(new LabWeek.Request(new UUID(random.nextLong(), random.nextLong()), at, kind.code(), urgency,
                        compound.code(), compound.grid(), place, new UUID(random.nextLong(), random.nextLong()), skill, work));
            }
        }
        requests.sort(Comparator.comparing(LabWeek.Request::at));
        return List.copyOf(requests);
    }

    private static int pick(SplittableRandom random, double[] weights, double total) {
        double pick = random.nextDouble(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static Kind kind(SplittableRandom random) {
        double pick = random.nextDouble();
        for (Kind kind : KINDS) {
            pick -= kind.share();
            if (pick < 0) {
                return kind;
            }
        }
        return KINDS.get(KINDS.size() - 1);
    }
}
