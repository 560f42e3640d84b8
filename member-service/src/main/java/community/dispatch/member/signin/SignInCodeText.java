package community.dispatch.member.signin;

import java.time.Duration;

import community.dispatch.web.language.Language;

/** The text message that carries a sign-in code, in the language the phone asked in (Simplified Chinese unless it said). */
final class SignInCodeText {

    private SignInCodeText() {
    }

    static String of(Language language, String code, Duration validFor) {
        long minutes = validFor.toMinutes();
        return switch (language) {
            case ZH_HANS -> "【社区派单】登录验证码 " + code + "，" + minutes + " 分钟内有效。请勿告诉他人。";
            case ZH_HANT -> "【社區派單】登錄驗證碼 " + code + "，" + minutes + " 分鐘內有效。請勿告訴他人。";
            case EN -> "community-dispatch: your sign-in code is " + code + ", valid for " + minutes
                    + " minutes. Do not share it.";
        };
    }
}
