package community.dispatch.kit.web;


import community.dispatch.errors.DomainException;

/** Entity versions in {@code ETag} / {@code If-Match} headers ({@code "3"}), for optimistic concurrency. */
public final class Versions {

    private Versions() {
    }

    public static String eTag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match names, or null without one; a header naming no version is stale by definition. */
    public static Long fromIfMatch(String ifMatch, String staleCode) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(ifMatch.trim().replaceFirst("^W/", "").replace("\"", ""));
        }
        catch (NumberFormatException e) {
            throw DomainException.stale(staleCode, "If-Match does not name a version.");
        }
    }
}
