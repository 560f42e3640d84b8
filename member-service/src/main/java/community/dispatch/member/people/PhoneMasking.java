package community.dispatch.member.people;

/** Phone numbers as others may see them: {@code 138****5678}. */
public final class PhoneMasking {

    private PhoneMasking() {
    }

    public static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() < 7) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
