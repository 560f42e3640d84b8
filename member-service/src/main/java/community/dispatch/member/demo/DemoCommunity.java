package community.dispatch.member.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import community.dispatch.kit.locks.WorkLocks;
import community.dispatch.member.people.MemberDirectory;
import community.dispatch.member.people.NewMember;
import community.dispatch.member.people.domain.PartyKind;
import community.dispatch.member.people.domain.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The Qingxiangqiao community of the source report, with synthetic people: 12 compounds with
 * buildings and households, 6 grids with their five chiefs, the three-level party organisation and
 * the four-in-one bodies, a leadership team, grid workers, 174 party members, the six volunteer
 * teams' members and a few hundred residents. Names are made up; every phone number starts with
 * 100, which no real mobile number does. Loaded in one transaction, once, by one instance: a database
 * that already has the first compound is left alone.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "dispatch.demo-data.enabled", havingValue = "true")
@RequiredArgsConstructor
class DemoCommunity implements ApplicationRunner {

    static final int PARTY_MEMBERS = 174;
    static final String[][] COMPOUNDS = {
            { "相桥花园", "Xiangqiao Garden" }, { "庆丰小区", "Qingfeng Estate" }, { "三堤新村", "Sandi New Village" },
            { "矿工新村", "Miners' Village" }, { "翠竹苑", "Green Bamboo Court" }, { "南湖家园", "Nanhu Homes" },
            { "相山雅居", "Xiangshan Residence" }, { "和谐小区", "Harmony Estate" }, { "幸福里", "Happiness Lane" },
            { "长山小区", "Changshan Estate" }, { "濉河苑", "Suihe Court" }, { "红旗小区", "Red Flag Estate" } };
    static final String[] TEAMS = { "angel", "weaver", "dawn", "red-steward", "baoliang", "lebei" };
    private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
            "胡", "朱", "高", "林", "何", "郭", "马", "罗" };
    private static final String[] GIVEN = { "建国", "秀英", "志强", "桂英", "伟", "芳", "敏", "静", "丽", "强", "磊",
            "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚" };
    private static final String[] CHIEF_KINDS = { "ROAD", "LANE", "BUILDING", "SHOP" };
    private static final String[][] CHIEF_DUTIES = { { "路长", "road" }, { "巷长", "lane" }, { "楼长", "building" },
            { "店长", "shop street" } };
    private static final Logger log = LoggerFactory.getLogger(DemoCommunity.class);

    private final DemoStore store;
    private final WorkLocks locks;
    private final MemberDirectory directory;

    @Override
    public void run(ApplicationArguments args) {
        // Start-up, on the main thread: the demo community is there before the service reports ready.
        load().block(Duration.ofMinutes(5));
    }

    Mono<Void> load() {
        // Instances starting together: the second waits for the first's transaction, then finds it loaded.
        return locks.oneAtATime("demo-data", store.hasCompound(compoundCode(1))
                        .flatMap(loaded -> loaded ? Mono.just(true) : create().thenReturn(false)))
                .doOnNext(existed -> log.info(existed ? "Demo community already loaded" : "Loaded the demo community"))
                .then();
    }

    private Mono<Void> create() {
        List<Mono<?>> steps = new ArrayList<>();
        for (int g = 1; g <= 6; g++) {
            steps.add(store.named(DemoStore.Named.GRID, id("grid", g), "G0" + g, "第" + "一二三四五六".charAt(g - 1) + "网格", "Grid " + g));
        }
        for (int c = 1; c <= 12; c++) {
            steps.add(store.named(DemoStore.Named.COMPOUND, id("compound", c), compoundCode(c), COMPOUNDS[c - 1][0], COMPOUNDS[c - 1][1]));
            for (int b = 1; b <= 6; b++) {
                int building = c * 100 + b;
                steps.add(store.building(id("building", building), id("compound", c), id("grid", (c + 1) / 2),
                        Integer.toString(b), latitude(c, b), longitude(c, b)));
                for (int floor = 1; floor <= 4; floor++) {
                    for (int door = 1; door <= 2; door++) {
                        steps.add(store.unit(unit(c, b, floor, door), id("building", building), floor + "0" + door));
                    }
                }
            }
        }
        steps.add(organisation(1, "PARTY-GENERAL", "PARTY_GENERAL_BRANCH", "庆相桥社区党总支",
                "Qingxiangqiao community party general branch", null, null));
        steps.add(organisation(2, "PARTY-PROPERTY", "PROPERTY_PARTY_BRANCH", "物业公司党支部",
                "Property company party branch", id("organisation", 1), null));
        for (int g = 1; g <= 6; g++) {
            steps.add(organisation(10 + g, "PARTY-G0" + g, "GRID_PARTY_BRANCH", "第" + "一二三四五六".charAt(g - 1) + "网格党支部",
                    "Grid " + g + " party branch", id("organisation", 2), id("grid", g)));
        }
        steps.add(organisation(3, "RESIDENTS-COMMITTEE", "RESIDENTS_COMMITTEE", "庆相桥社区居民委员会", "Residents' committee", null, null));
        steps.add(organisation(4, "OWNERS-COMMITTEE", "OWNERS_COMMITTEE", "业主委员会", "Owners' committee", null, null));
        steps.add(organisation(5, "PROPERTY-COMPANY", "PROPERTY_COMPANY", "物业服务公司", "Property management company", null, null));
        return Flux.concat(steps).then(Flux.fromIterable(people()).concatMap(this::register).then());
    }

    /** Who lives here: the numbering makes every run produce the same people with the same ids. */
    private List<Person> people() {
        List<Person> people = new ArrayList<>();
        int n = 0;
        String[] leadershipPositions = { "书记", "副书记", "委员", "委员", "委员", "居委会主任", "居委会副主任" };
        for (int i = 0; i < leadershipPositions.length; i++) {
            people.add(new Person(++n, EnumSet.of(Role.STAFF), true, PartyKind.REGULAR, id("organisation", 1),
                    i < 5 ? "PARTY" : "COMMITTEE", leadershipPositions[i], null, 0, null));
        }
        for (int g = 1; g <= 6; g++) {
            people.add(new Person(++n, EnumSet.of(Role.GRID_WORKER, Role.RESIDENT), false, PartyKind.REGULAR,
                    id("organisation", 10 + g), "PARTY", "网格员", "GRID", g, "网格 G0" + g));
            for (int k = 0; k < CHIEF_KINDS.length; k++) {
                people.add(new Person(++n, EnumSet.of(Role.GRID_WORKER, Role.RESIDENT), false, null, null, null, null,
                        CHIEF_KINDS[k], g, CHIEF_DUTIES[k][0] + " G0" + g + " (" + CHIEF_DUTIES[k][1] + ")"));
            }
        }
        for (String team : TEAMS) {
            for (int v = 0; v < 8; v++) {
                Set<Role> roles = v == 0 ? EnumSet.of(Role.VOLUNTEER, Role.TEAM_LEADER, Role.RESIDENT)
                        : EnumSet.of(Role.VOLUNTEER, Role.RESIDENT);
                people.add(new Person(++n, roles, false, null, null, null, null, null, 0, team));
            }
        }
        for (int r = 0; r < 300; r++) {
            people.add(new Person(++n, EnumSet.of(Role.RESIDENT), false, null, null, null, null, null, 0, null));
        }
        // Party members: the leadership and grid workers already are; then everyone else in order.
        int party = (int) people.stream().filter(p -> p.partyKind() != null).count();
        for (int i = 0; i < people.size() && party < PARTY_MEMBERS; i++) {
            Person p = people.get(i);
            if (p.partyKind() == null) {
                PartyKind kind = party % 9 == 0 ? PartyKind.ELDERLY : party % 13 == 0 ? PartyKind.MOBILE : PartyKind.REGULAR;
                people.set(i, p.inParty(kind, id("organisation", 10 + gridOf(p.number()))));
                party++;
            }
        }
        return people;
    }

    private Mono<Void> register(Person person) {
        int number = person.number();
        int compound = (number % 12) + 1;
        UUID unit = unit(compound, (number / 12) % 6 + 1, (number / 72) % 4 + 1, (number / 288) % 2 + 1);
        String name = SURNAMES[number % SURNAMES.length] + GIVEN[(number * 7) % GIVEN.length];
        String phone = String.format("100%08d", number);
        Mono<Void> extras = Mono.empty();
        if (person.organisationRole() != null) {
            UUID organisation = "COMMITTEE".equals(person.organisationRole()) ? id("organisation", 3) : person.partyBranch();
            extras = store.membership(id("member", number), organisation, person.position());
        }
        if (person.chiefKind() != null) {
            extras = extras.then(store.gridChief(id("grid", person.chiefGrid()), id("member", number), person.chiefKind(),
                    person.answersFor()));
        }
        return directory.registerInternally(new NewMember(id("member", number), name, phone, unit, person.roles(),
                        person.partyBranch(), person.partyKind(), person.leadership(), null, null))
                .then(extras);
    }

    private Mono<Void> organisation(int number, String code, String kind, String zh, String en, UUID parent, UUID grid) {
        return store.organisation(id("organisation", number), code, kind, zh, en, parent, grid);
    }

    /**
     * Where building {@code b} of compound {@code c} stands: compounds on a 4 × 3 grid some 400 m apart in
     * Huaibei's Xiangshan district, buildings 40–50 m apart (as migration V2026.12.02.41 places a loaded demo).
     */
    static double latitude(int c, int b) {
        return round(33.9560 + ((c - 1) / 4) * 0.0036 + ((b - 1) / 3) * 0.0004);
    }

    static double longitude(int c, int b) {
        return round(116.7900 + ((c - 1) % 4) * 0.0043 + ((b - 1) % 3) * 0.0005);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    static int gridOf(int number) {
        return ((number % 12) + 2) / 2;
    }

    static String compoundCode(int c) {
        return String.format("C%02d", c);
    }

    static UUID id(String kind, int number) {
        return UUID.nameUUIDFromBytes(("community-dispatch demo " + kind + " " + number).getBytes(StandardCharsets.UTF_8));
    }

    static UUID unit(int compound, int building, int floor, int door) {
        return id("unit", ((compound * 100 + building) * 10 + floor) * 10 + door);
    }

    private record Person(int number, Set<Role> roles, boolean leadership, PartyKind partyKind, UUID partyBranch,
            String organisationRole, String position, String chiefKind, int chiefGrid, String answersFor) {

        Person inParty(PartyKind kind, UUID branch) {
            return new Person(number, roles, leadership, kind, branch, "PARTY", "党员", chiefKind, chiefGrid, answersFor);
        }
    }
}
