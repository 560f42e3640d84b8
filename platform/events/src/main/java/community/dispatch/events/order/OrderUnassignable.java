package community.dispatch.events.order;

import java.util.List;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/**
 * Nobody could be found to take the request. {@code teams} are the teams its rule names and
 * {@code notifyRoles} the roles its rule says are told (empty lists when no rule applies; staff are told
 * whatever the rule says); {@code leaders} are the members leading those teams when the rule tells
 * TEAM_LEADER (else empty).
 */
public record OrderUnassignable(UUID requestId, String reason, List<String> teams, List<String> notifyRoles, List<UUID> leaders)
        implements DomainEvent {

    public OrderUnassignable {
        teams = teams == null ? List.of() : List.copyOf(teams);
        notifyRoles = notifyRoles == null ? List.of() : List.copyOf(notifyRoles);
        leaders = leaders == null ? List.of() : List.copyOf(leaders);
    }

    /** Nobody takes the request; its rule's teams and roles as given, no leader named. */
    public OrderUnassignable(UUID requestId, String reason, List<String> teams, List<String> notifyRoles) {
        this(requestId, reason, teams, notifyRoles, List.of());
    }

    @Override
    public String subject() {
        return requestId.toString();
    }
}
