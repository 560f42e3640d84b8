package community.dispatch.web.problem;

import java.util.Map;

import community.dispatch.web.language.Language;

/**
 * A problem's title in the caller's language: English as every problem is made (from its code), or Chinese —
 * Simplified or Traditional, by {@code Accept-Language} — by its status, or for a few codes by the code. The {@code detail} stays as the service wrote it (English); the {@code code} is the one to
 * act on.
 */
final class ProblemTitles {

    /** Simplified, Traditional: the codes whose title says more than their status's. */
    private static final Map<String, String[]> BY_CODE = Map.of(
            "validation-failed", new String[] { "请求中有无效的字段", "請求中有無效的欄位" },
            "idempotency-key-reused", new String[] { "幂等键已用于另一请求", "冪等鍵已用於另一請求" },
            "service-busy", new String[] { "服务繁忙，请稍后再试", "服務繁忙，請稍後再試" });

    private ProblemTitles() {
    }

    static String of(String code, int status, String english, Language language) {
        if (language == Language.EN) {
            return english;
        }
        String[] titles = code == null ? null : BY_CODE.get(code);
        if (titles == null) {
            titles = byStatus(status);
        }
        return titles == null ? english : titles[language == Language.ZH_HANS ? 0 : 1];
    }

    private static String[] byStatus(int status) {
        return switch (status) {
            case 400 -> new String[] { "请求有误", "請求有誤" };
            case 401 -> new String[] { "未登录或登录已过期", "未登錄或登錄已過期" };
            case 403 -> new String[] { "您无权进行此操作", "您無權進行此操作" };
            case 404 -> new String[] { "未找到", "未找到" };
            case 405 -> new String[] { "不支持此请求方法", "不支援此請求方法" };
            case 406 -> new String[] { "无法提供所要求的格式", "無法提供所要求的格式" };
            case 409 -> new String[] { "与当前状态冲突", "與當前狀態衝突" };
            case 412 -> new String[] { "内容已被他人修改，请重新读取", "內容已被他人修改，請重新讀取" };
            case 413 -> new String[] { "内容过大", "內容過大" };
            case 415 -> new String[] { "不支持的内容类型", "不支援的內容類型" };
            case 429 -> new String[] { "请求过于频繁，请稍后再试", "請求過於頻繁，請稍後再試" };
            case 503 -> new String[] { "服务暂不可用", "服務暫不可用" };
            case 504 -> new String[] { "服务响应超时", "服務響應超時" };
            default -> status >= 500 ? new String[] { "服务内部错误", "服務內部錯誤" } : null;
        };
    }
}
