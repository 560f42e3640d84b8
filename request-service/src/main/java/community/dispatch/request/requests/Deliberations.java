package community.dispatch.request.requests;

import reactor.core.publisher.Mono;

/**
 * What a request's life asks of the deliberation ladder (the disputes feature answers): a dispute that enters is put on
 * its first rung, and one reopened after a low rating goes back on it. Each runs in the caller's transaction.
 */
public interface Deliberations {

    /** Puts a new dispute on the first rung; answers it as it then stands. */
    Mono<StoredRequest> start(StoredRequest dispute);

    /** A reopened request that is a dispute goes back on the ladder; any other is answered as it is. */
    Mono<StoredRequest> restartIfDispute(StoredRequest reopened);
}
