package community.dispatch.volunteer.privacy;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.volunteer.privacy.PersonalDataStore.StoredProfile;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

/** volunteer-service's part of a person's export: for the person and staff only. */
@Service
@RequiredArgsConstructor
class PersonalDataExport {

    private final PersonalDataStore store;
    private final JsonMapper json;

    Mono<Volunteering> export(UUID member, Caller caller) {
        if (!caller.isStaff() && !caller.is(member)) {
            return Mono.error(DomainException.forbidden("Only the person and staff export a person's data."));
        }
        return Mono.zip(store.profile(member).map(Optional::of).defaultIfEmpty(Optional.empty()),
                        store.leads(member).collectList(), store.orders(member).collectList(), store.honourHours(member).collectList())
                .map(found -> new Volunteering(member, found.getT1().map(this::profile).orElse(null), found.getT2(), found.getT3(),
                        found.getT4()));
    }

    private Volunteering.Profile profile(StoredProfile stored) {
        return new Volunteering.Profile(stored.compoundCode(), stored.gridCode(), stored.homeBuilding(), stored.teams(),
                node(stored.skills()), node(stored.availability()), stored.maxConcurrent(), stored.active());
    }

    private JsonNode node(String text) {
        return text == null ? null : json.readTree(text);
    }
}
