package community.dispatch.request.requests.domain;

import java.util.Optional;

/** The rungs of the deliberation ladder a dispute climbs until it is settled, with their names in Simplified Chinese. */
public enum Step {
    ONLINE_DELIBERATION("网上议事"), PROPERTY_COUNCIL("物业党群议事"), COMMUNITY_COUNCIL("社区党群议事");

    private final String nameZh;

    Step(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }

    /** The rung above, or none at the top. */
    public Optional<Step> next() {
        return this == COMMUNITY_COUNCIL ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }
}
