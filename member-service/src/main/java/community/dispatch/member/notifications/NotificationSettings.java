package community.dispatch.member.notifications;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalTime;
import java.util.List;

import community.dispatch.errors.DomainException;
import community.dispatch.web.language.Language;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** How a person wants to be told: channels in order of preference, quiet hours, language, their phone's push device. */
record NotificationSettings(List<Channel> channels, QuietHours quietHours, Language language, String pushDevice) {

    /** A push registration as the vendors' services and aggregators give them: no other string is kept or sent to. */
    static final String PUSH_DEVICE = "^(apns|fcm|huawei|honor|xiaomi|oppo|vivo|meizu|jpush|getui):[A-Za-z0-9._:-]{8,180}$";

    static final NotificationSettings DEFAULT = new NotificationSettings(List.of(Channel.PUSH, Channel.SMS), null, Language.ZH_HANS, null);

    /** The settings as the API shows and takes them. */
    @Schema(name = "NotificationSettings", description = "How you are told of offers and of your requests' progress outside the open app")
    record View(
            @Schema(example = "[\"PUSH\", \"SMS\"]", description = "Tried in this order; the first that reaches you is used (PUSH needs `pushDevice`). Empty: only in the app.")
            @NotNull @Size(max = 2) List<@NotNull Channel> channels,
            @Schema(example = "22:00", type = "string", description = "Start of your quiet hours (community time); with `quietTo`, or neither")
            LocalTime quietFrom,
            @Schema(example = "07:00", type = "string", description = "End of your quiet hours; messages due meanwhile go then")
            LocalTime quietTo,
            @Schema(example = "zh-Hans", allowableValues = { "zh-Hans", "zh-Hant", "en" }) @NotNull @Pattern(regexp = "^(zh-Hans|zh-Hant|en)$") String language,
            @Schema(example = "huawei:0a1b2c3d4e5f6a7b", description = "The push registration your phone's app got from its vendor's push service "
                    + "(or the aggregator's): the service, a colon, and its token")
            @Size(max = 200) @Pattern(regexp = PUSH_DEVICE, message = "a push service (apns, fcm, huawei, honor, xiaomi, oppo, vivo, meizu, "
                    + "jpush, getui), a colon, and its token of 8 or more letters, digits, '.', '_', '-' or ':'") String pushDevice) {

        /** The settings this asks for; a field error for quiet hours with one end only, or both the same. */
        NotificationSettings settings() {
            if ((quietFrom == null) != (quietTo == null)) {
                throw DomainException.invalidField("quietTo", "give both ends of the quiet hours, or neither");
            }
            if (quietFrom != null && quietFrom.equals(quietTo)) {
                throw DomainException.invalidField("quietTo", "must differ from quietFrom");
            }
            return new NotificationSettings(channels.stream().distinct().toList(),
                    quietFrom == null ? null : new QuietHours(quietFrom, quietTo), Language.of(language), pushDevice);
        }

        static View of(NotificationSettings settings) {
            QuietHours quiet = settings.quietHours();
            return new View(settings.channels(), quiet == null ? null : quiet.from(), quiet == null ? null : quiet.to(),
                    settings.language().tag(), settings.pushDevice());
        }
    }
}
