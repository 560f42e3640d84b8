package community.dispatch.request.open311;

import java.time.Duration;

import community.dispatch.request.catalogue.Category;
import community.dispatch.request.catalogue.Urgency;
import community.dispatch.request.requests.domain.Status;

/** How Open311 words the community's things: public status notes, update statuses, service notices, datatypes. */
final class Open311Wording {

    private Open311Wording() {
    }

    /**
     * What the public reads of a move. Words people wrote about people are never published: a move a person made
     * reads as the community's own wording, unless the person wrote words for the public ({@code publicNote}, a
     * volunteer's at check-out). Only the system's and the dispatcher's own wording, and the notes the filing system
     * itself posted to this public API, are published as recorded.
     */
    static String publicNote(Status status, String actor, String reason, String publicNote, String sourceSystem) {
        if (publicNote != null && !publicNote.isBlank()) {
            return publicNote;
        }
        boolean machineWords = actor != null && reason != null && !reason.isBlank() && ("system".equals(actor)
                || "volunteer-service".equals(actor) || (sourceSystem != null && actor.equals("municipal:" + sourceSystem)));
        return machineWords ? reason : switch (status) {
            case SUBMITTED -> "Received.";
            case DISPATCHING -> "Being offered to volunteers.";
            case ASSIGNED -> "A volunteer has taken it on.";
            case IN_PROGRESS -> "Work has started.";
            case RESOLVED -> "Done; waiting for the requester's rating.";
            case CLOSED -> "Closed.";
            case CANCELLED -> "Withdrawn by the requester.";
            case REJECTED -> "Turned down: not something the community's volunteers do.";
            case ESCALATED -> "Referred to the community's staff.";
            case REOPENED -> "Sent round again after a low rating.";
        };
    }

    /** mySociety's update statuses for our moves. */
    static String updateStatus(Status status, String reason) {
        return switch (status) {
            case SUBMITTED, REOPENED -> "OPEN";
            case DISPATCHING -> "INVESTIGATING";
            case ASSIGNED -> "ACTION_SCHEDULED";
            case IN_PROGRESS -> "IN_PROGRESS";
            case RESOLVED -> "FIXED";
            case CLOSED -> reason != null && reason.startsWith("duplicate of ") ? "DUPLICATE" : "CLOSED";
            case CANCELLED -> "NO_FURTHER_ACTION";
            case REJECTED -> "NOT_COUNCILS_RESPONSIBILITY";
            case ESCALATED -> "INTERNAL_REFERRAL";
        };
    }

    static String notice(Urgency urgency) {
        return "A volunteer is found within " + human(urgency.dispatchWithin()) + "; feedback within "
                + human(urgency.feedbackWithin()) + ".";
    }

    private static String human(Duration duration) {
        return duration.toHours() % 24 == 0 && duration.toHours() >= 48 ? duration.toDays() + " days" : duration.toHours() + " h";
    }

    static String datatype(Category.Datatype datatype) {
        return switch (datatype) {
            case STRING -> "string";
            case NUMBER -> "number";
            case DATETIME -> "datetime";
            case TEXT -> "text";
            case SINGLE_VALUE_LIST -> "singlevaluelist";
            case MULTI_VALUE_LIST -> "multivaluelist";
        };
    }

    static String datatypeDescription(Category.Datatype datatype) {
        return switch (datatype) {
            case STRING -> "A line of text";
            case NUMBER -> "A number";
            case DATETIME -> "A W3C date-time with offset, e.g. 2026-12-03T09:30:00+08:00";
            case TEXT -> "Free text";
            case SINGLE_VALUE_LIST -> "One of the values' keys";
            case MULTI_VALUE_LIST -> "Some of the values' keys, each as attribute[code][]";
        };
    }
}
