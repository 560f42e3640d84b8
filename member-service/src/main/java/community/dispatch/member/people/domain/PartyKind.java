package community.dispatch.member.people.domain;

/** A party member's standing: regular, elderly (study delivered at home) or mobile (流動黨員). */
public enum PartyKind {
    REGULAR, ELDERLY, MOBILE
}
