package community.dispatch.member.notifications;

/** How a notification reaches a person outside the open app. */
enum Channel {
    /** Their phone's vendor push service (or an aggregator), to the device the app registered. */
    PUSH,
    /** A text message to their phone number. */
    SMS
}
