package community.dispatch.member.notifications;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import community.dispatch.web.language.Language;

/** What a notification says, per kind and language: the templates, filled in when it is sent. */
final class NotificationText {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private NotificationText() {
    }

    static String title(Language language) {
        return switch (language) {
            case ZH_HANS -> "社区派单";
            case ZH_HANT -> "社區派單";
            case EN -> "community-dispatch";
        };
    }

    static String of(Notification.Kind kind, Language language, Instant until, ZoneId zone) {
        return switch (kind) {
            case OFFER -> offer(language, until == null ? "" : CLOCK.format(until.atZone(zone)));
            case ASSIGNED -> switch (language) {
                case ZH_HANS -> "【社区派单】您的诉求已有志愿者接单，可在应用中查看进展。";
                case ZH_HANT -> "【社區派單】您的訴求已有志願者接單，可在應用中查看進展。";
                case EN -> "community-dispatch: a volunteer has taken your request; follow it in the app.";
            };
            case RESOLVED -> switch (language) {
                case ZH_HANS -> "【社区派单】您的诉求已办结，请在应用中评价。";
                case ZH_HANT -> "【社區派單】您的訴求已辦結，請在應用中評價。";
                case EN -> "community-dispatch: your request has been resolved; please rate it in the app.";
            };
            case SIGN_IN_GUESSING -> switch (language) {
                case ZH_HANS -> "【社区派单】有账号的密码正被反复猜测，新地址的登录已放慢；请在审计记录中查看。";
                case ZH_HANT -> "【社區派單】有賬號的密碼正被反覆猜測，新地址的登錄已放慢；請在審計記錄中查看。";
                case EN -> "community-dispatch: someone keeps guessing an account's password; sign-ins from new addresses are slowed. See the audit trail.";
            };
            case UNASSIGNABLE -> switch (language) {
                case ZH_HANS -> "【社区派单】有一项服务请求无人接单，请在应用中查看并指派。";
                case ZH_HANT -> "【社區派單】有一項服務請求無人接單，請在應用中查看並指派。";
                case EN -> "community-dispatch: nobody has taken a request; please see to it in the app.";
            };
        };
    }

    private static String offer(Language language, String until) {
        return switch (language) {
            case ZH_HANS -> "【社区派单】有新的服务请求派给您，请在 " + until + " 前打开应用接单。";
            case ZH_HANT -> "【社區派單】有新的服務請求派給您，請在 " + until + " 前打開應用接單。";
            case EN -> "community-dispatch: a request is offered to you; accept it in the app before " + until + ".";
        };
    }
}
