package community.dispatch.member.notifications;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * One thing a person is told because of one event: made once per event and person, sent when due (after
 * their quiet hours) by the first of their channels that reaches them.
 */
record Notification(UUID id, @Schema(example = "0b6f3c1e-5a2d-4e8f-9c7b-1a2b3c4d5e6f/offered", description = "What it tells of; one notification per occasion and person") String occasion, UUID memberId,
        @Schema(example = "OFFER") Kind kind,
        @Schema(description = "When it may go: as it happened, or as the person's quiet hours end") Instant dueAt,
        @Schema(description = "Not sent after this (an offer that expired meanwhile)") Instant staleAfter,
        @Schema(example = "SENT") Status status, @Schema(example = "SMS") Channel channel,
        @Schema(example = "【社区派单】有新的服务请求派给您，请在 14:30 前打开应用接单。", description = "What was sent") String text,
        Instant sentAt) {

    enum Kind {
        /** A volunteer is offered a request. */
        OFFER,
        /** A volunteer took a resident's request. */
        ASSIGNED,
        /** A resident's request is resolved: they are asked to rate it. */
        RESOLVED,
        /** Nobody takes a request: a team leader or grid worker the rule names is to see to it. */
        UNASSIGNABLE,
        /** An account's password is being guessed past its ceiling: the admins are to look at the audit trail. */
        SIGN_IN_GUESSING
    }

    enum Status {
        /** Waiting for its time. */
        PENDING,
        SENT,
        /** Its moment passed before it could go (quiet hours outlasted the offer). */
        STALE,
        /** None of the person's channels reaches them; they see it in the app. */
        NOT_SENT
    }

    static Notification of(String occasion, UUID memberId, Kind kind, Instant dueAt, Instant staleAfter) {
        return new Notification(UUID.randomUUID(), occasion, memberId, kind, dueAt, staleAfter, Status.PENDING, null, null, null);
    }
}
