package community.dispatch.member.signin;

import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.keygen.KeyGenerators;

/**
 * Seals signing keys for the database: AES-256-GCM (Spring Security Crypto) under a key derived from
 * {@code DISPATCH_SIGNING_KEY_SECRET}, with a fresh salt per key kept beside the ciphertext. What reads
 * the table without the secret learns nothing of the private keys. Keys stored plain by earlier versions
 * are read as they are and sealed at start-up.
 */
final class KeySeal {

    private static final String PREFIX = "sealed:v1:";

    private final String secret;

    KeySeal(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("Set DISPATCH_SIGNING_KEY_SECRET (16 characters or more): "
                    + "signing keys are stored encrypted with it");
        }
        this.secret = secret;
    }

    String seal(String jwk) {
        String salt = KeyGenerators.string().generateKey();
        return PREFIX + salt + ":" + Encryptors.delux(secret, salt).encrypt(jwk);
    }

    String open(String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        return Encryptors.delux(secret, rest.substring(0, colon)).decrypt(rest.substring(colon + 1));
    }

    static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }
}
