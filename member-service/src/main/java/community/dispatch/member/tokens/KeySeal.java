package community.dispatch.member.tokens;

import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.keygen.KeyGenerators;

/**
 * Seals signing keys for the database: AES-256-GCM (Spring Security Crypto) under a key derived from
 * {@code DISPATCH_SIGNING_KEY_SECRET}, with a fresh salt per key kept beside the ciphertext. What reads
 * the table without the secret learns nothing of the private keys. Keys stored plain by earlier versions
 * are read as they are and sealed at start-up. To change the secret, start with the new one in
 * {@code DISPATCH_SIGNING_KEY_SECRET} and the old one in {@code DISPATCH_SIGNING_KEY_PREVIOUS_SECRET}: keys
 * open with either, and are sealed again under the new one at start-up; then drop the old one.
 */
final class KeySeal {

    private static final String PREFIX = "sealed:v1:";

    private final String secret;

    private final String previousSecret;

    KeySeal(String secret) {
        this(secret, "");
    }

    KeySeal(String secret, String previousSecret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("Set DISPATCH_SIGNING_KEY_SECRET (16 characters or more): "
                    + "signing keys are stored encrypted with it");
        }
        this.secret = secret;
        this.previousSecret = previousSecret == null ? "" : previousSecret;
    }

    String seal(String jwk) {
        String salt = KeyGenerators.string().generateKey();
        return PREFIX + salt + ":" + Encryptors.delux(secret, salt).encrypt(jwk);
    }

    /** The key, opened with the secret or else the previous one; a key sealed under neither fails. */
    String open(String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        try {
            return open(stored, secret);
        }
        catch (IllegalStateException wrongSecret) {
            if (previousSecret.isEmpty()) {
                throw wrongSecret;
            }
            return open(stored, previousSecret);
        }
    }

    /** Whether the stored key is plain or sealed under the previous secret, and should be sealed again. */
    boolean needsSealing(String stored) {
        if (!isSealed(stored)) {
            return true;
        }
        try {
            open(stored, secret);
            return false;
        }
        catch (IllegalStateException wrongSecret) {
            return true;
        }
    }

    private static String open(String stored, String secret) {
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        return Encryptors.delux(secret, rest.substring(0, colon)).decrypt(rest.substring(colon + 1));
    }

    static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }
}
