package community.dispatch.member.people.domain;

/** What a person may do in the system; a member has one or more. */
public enum Role {
    RESIDENT, VOLUNTEER, TEAM_LEADER, GRID_WORKER, STAFF, ADMIN
}
