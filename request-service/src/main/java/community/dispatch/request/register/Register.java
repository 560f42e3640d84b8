package community.dispatch.request.register;

import java.util.UUID;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * What request-service knows of member-service's register, as {@link RegisterEvents} keep it: who is an active member
 * in which grid, and which municipal systems are registered.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class Register {

    private final RegisterStore store;

    /** The grid of an active member (empty for one whose grid is not known); empty when not an active member. */
    public Mono<String> gridOfActive(UUID memberId) {
        return store.gridOfActive(memberId);
    }

    /** Whether admins registered the municipal system with this client id and have not retired it. */
    public Mono<Boolean> isRegistered(String clientId) {
        return store.isRegistered(clientId);
    }
}
