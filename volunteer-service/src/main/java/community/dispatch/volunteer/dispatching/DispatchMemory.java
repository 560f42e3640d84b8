package community.dispatch.volunteer.dispatching;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import community.dispatch.kit.timers.BackgroundWork;
import community.dispatch.kit.timers.WakeUps;
import community.dispatch.volunteer.dispatching.CandidateStore.Building;
import community.dispatch.volunteer.dispatching.CandidateStore.Profile;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import lombok.RequiredArgsConstructor;

/**
 * What dispatch decides from, kept in memory so that a decision reads only a few rows: every volunteer's profile,
 * the buildings on the map and the dispatch rules, exactly; and everyone's load, as a guide. Each profile, building and
 * rule row carries a change number from one sequence. A decision reads the last number given with the request's
 * orders ({@link CandidateStore#tried}) and, when this copy is behind, first reads the rows changed since
 * ({@link #upTo}) — so a decision sees every change committed before it began. A change numbered before another can
 * commit after it, and a delete leaves no row: both are told on {@link WakeUps.Channel#CHANGES} after their commit, and
 * read here as they come — as is every change of a volunteer's orders ("load:&lt;volunteer&gt;"), whose load is then
 * read again. A lost listening connection means changes may have been missed: everything is read again.
 */
@Component
@RequiredArgsConstructor
class DispatchMemory extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(DispatchMemory.class);
    private static final String VOLUNTEER = "volunteer";
    private static final String BUILDING = "building_place";
    private static final String RULE = "dispatch_rule";
    private static final String LOAD = "load:";

    private final CandidateStore store;
    private final RuleStore rules;
    private final WakeUps wakeUps;
    private final Clock clock;

    private final Map<UUID, Profile> volunteers = new ConcurrentHashMap<>();
    private final Map<String, Building> buildings = new ConcurrentHashMap<>();
    private final Map<String, RuleStore.Numbered> ruleBook = new ConcurrentHashMap<>();
    /** Loads as last told: a guide for ranking, not the truth of the moment (a decision reads that for whom it chooses). */
    private final Map<UUID, CandidateStore.Load> loads = new ConcurrentHashMap<>();
    /** Volunteers deleted: a row read before its delete never comes back. */
    private final Set<UUID> gone = ConcurrentHashMap.newKeySet();
    /** Every change numbered up to this is here, or will be told when it commits; below 0 nothing was read yet. */
    private volatile long known = -1;

    /**
     * Completes when every change numbered up to {@code latest} — read in the caller's transaction — is here. Reads, in
     * that transaction, only the rows changed since this copy's number (everything, the first time).
     */
    Mono<Void> upTo(long latest) {
        long seen = known;
        if (seen < 0) {
            return everything();
        }
        if (seen >= latest) {
            return Mono.empty();
        }
        return store.profilesSince(seen).doOnNext(this::keep)
                .thenMany(store.buildingsSince(seen).doOnNext(this::keep))
                .thenMany(rules.since(seen).doOnNext(this::keep))
                .then(Mono.fromRunnable(() -> raiseKnown(latest)));
    }

    /** Every volunteer's profile, active or not. */
    Collection<Profile> volunteers() {
        return volunteers.values();
    }

    Optional<Profile> volunteer(UUID id) {
        return Optional.ofNullable(volunteers.get(id));
    }

    /** The volunteer's load as last told: open orders may since have been made (or closed) by any instance. */
    CandidateStore.Load load(UUID volunteer) {
        return loads.getOrDefault(volunteer, CandidateStore.Load.NONE);
    }

    Optional<Rule> rule(String categoryCode) {
        return Optional.ofNullable(ruleBook.get(categoryCode)).map(RuleStore.Numbered::rule);
    }

    /** The place with its building's coordinates when it has none of its own and the building is on the map. */
    Scoring.Place located(Scoring.Place place) {
        Building building = place.latitude() != null || place.building() == null ? null : buildings.get(place.building());
        return building == null ? place : new Scoring.Place(place.building(), building.latitude(), building.longitude());
    }

    /** Where the volunteer lives: their home building, on the map when it is. */
    Scoring.Place home(Profile volunteer) {
        return located(volunteer.homeBuilding() == null ? Scoring.Place.UNKNOWN
                : new Scoring.Place(volunteer.homeBuilding(), null, null));
    }

    @Override
    protected Disposable begin() {
        // Changes told while a read runs wait, and are read together after it (at most 512 at a time).
        return wakeUps.changes()
                .onBackpressureBuffer()
                .bufferTimeout(512, Duration.ofMillis(10), true)
                .concatMap(this::hear)
                .doOnError(failure -> {
                    log.warn("Reading changes told failed; everything is read again at the next decision: {}", failure.toString());
                    known = -1;
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe();
    }

    /** Reads again, in no transaction, what was told changed — everything when changes may have been missed. */
    private Mono<Void> hear(List<String> told) {
        if (told.contains(WakeUps.ANYTHING)) {
            return everything();
        }
        Set<UUID> volunteersChanged = new HashSet<>();
        Set<String> buildingsChanged = new HashSet<>();
        Set<String> rulesChanged = new HashSet<>();
        Set<UUID> loadsChanged = new HashSet<>();
        for (String change : told) {
            if (change.startsWith(LOAD)) {
                loadsChanged.add(UUID.fromString(change.substring(LOAD.length())));
                continue;
            }
            int table = change.indexOf(':');
            int number = change.lastIndexOf(':');
            if (table < 0 || number <= table) {
                continue;
            }
            String key = change.substring(table + 1, number);
            String numbered = change.substring(number + 1);
            switch (change.substring(0, table)) {
                case VOLUNTEER -> {
                    UUID id = UUID.fromString(key);
                    if (numbered.isEmpty()) {
                        gone.add(id);
                        volunteers.remove(id);
                    }
                    else if (behind(volunteers.get(id), Profile::change, numbered)) {
                        volunteersChanged.add(id);
                    }
                }
                case BUILDING -> {
                    if (numbered.isEmpty()) {
                        buildings.remove(key);
                    }
                    else if (behind(buildings.get(key), Building::change, numbered)) {
                        buildingsChanged.add(key);
                    }
                }
                case RULE -> {
                    if (numbered.isEmpty()) {
                        ruleBook.remove(key);
                    }
                    else if (behind(ruleBook.get(key), RuleStore.Numbered::change, numbered)) {
                        rulesChanged.add(key);
                    }
                }
                default -> log.debug("A change of something not kept here: {}", change);
            }
        }
        return (volunteersChanged.isEmpty() ? Flux.<Profile>empty() : store.profiles(volunteersChanged)).doOnNext(this::keep)
                .thenMany(buildingsChanged.isEmpty() ? Flux.<Building>empty() : store.buildings(buildingsChanged))
                .doOnNext(this::keep)
                .thenMany(rulesChanged.isEmpty() ? Flux.<RuleStore.Numbered>empty() : rules.of(rulesChanged))
                .doOnNext(this::keep)
                .then(loadsChanged.isEmpty() ? Mono.<Void>empty() : store.loadsOf(loadsChanged, clock.instant()).doOnNext(read ->
                        loadsChanged.forEach(volunteer -> keepLoad(volunteer, read.get(volunteer)))).then());
    }

    private void keepLoad(UUID volunteer, CandidateStore.Load load) {
        if (load == null) {
            loads.remove(volunteer);
        }
        else {
            loads.put(volunteer, load);
        }
    }

    private static <T> boolean behind(T kept, ToLongFunction<T> change, String told) {
        return kept == null || change.applyAsLong(kept) < Long.parseLong(told);
    }

    /**
     * Reads everything: the last number given first, then every row, so what changes meanwhile is read again later.
     * What is kept but was not read, and is not newer than that number, was deleted.
     */
    private Mono<Void> everything() {
        return store.latestChange().flatMap(latest -> {
            Set<UUID> readVolunteers = ConcurrentHashMap.newKeySet();
            Set<String> readBuildings = ConcurrentHashMap.newKeySet();
            Set<String> readRules = ConcurrentHashMap.newKeySet();
            return store.profilesSince(0).doOnNext(profile -> readVolunteers.add(profile.id())).doOnNext(this::keep)
                    .thenMany(store.buildingsSince(0)).doOnNext(building -> readBuildings.add(building.name())).doOnNext(this::keep)
                    .thenMany(rules.since(0)).doOnNext(rule -> readRules.add(rule.rule().categoryCode())).doOnNext(this::keep)
                    .then(store.allLoads(clock.instant()))
                    .doOnNext(read -> {
                        loads.keySet().retainAll(read.keySet());
                        loads.putAll(read);
                    })
                    .then(Mono.fromRunnable(() -> {
                        volunteers.values().removeIf(kept -> kept.change() <= latest && !readVolunteers.contains(kept.id()));
                        buildings.values().removeIf(kept -> kept.change() <= latest && !readBuildings.contains(kept.name()));
                        ruleBook.values().removeIf(kept -> kept.change() <= latest
                                && !readRules.contains(kept.rule().categoryCode()));
                        raiseKnown(latest);
                        log.debug("Dispatch memory read: {} volunteers, {} buildings, {} rules, up to change {}",
                                volunteers.size(), buildings.size(), ruleBook.size(), latest);
                    }));
        });
    }

    private void keep(Profile profile) {
        if (!gone.contains(profile.id())) {
            volunteers.merge(profile.id(), profile, (kept, read) -> read.change() >= kept.change() ? read : kept);
        }
    }

    private void keep(Building building) {
        buildings.merge(building.name(), building, (kept, read) -> read.change() >= kept.change() ? read : kept);
    }

    private void keep(RuleStore.Numbered rule) {
        ruleBook.merge(rule.rule().categoryCode(), rule, (kept, read) -> read.change() >= kept.change() ? read : kept);
    }

    private synchronized void raiseKnown(long latest) {
        known = Math.max(known, latest);
    }
}
