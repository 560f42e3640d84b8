package community.dispatch.web.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a service knows that the client address it is told came from the gateway: the gateway seals the
 * address with a secret only it and the services hold ({@code DISPATCH_EDGE_SECRET}), an HMAC-SHA256 sent
 * beside it. A caller who reaches a service directly can name any address but cannot seal it, and a sealed
 * address seen on the wire tells nothing of the secret.
 */
public final class EdgeSeal {

    /** The client's address as the gateway determined it ({@link ClientAddress#normalise}). */
    public static final String ADDRESS_HEADER = "X-Dispatch-Client-Address";

    /** The gateway's seal of that address. */
    public static final String SEAL_HEADER = "X-Dispatch-Client-Seal";

    public static final int MIN_SECRET_LENGTH = 16;

    private final SecretKeySpec key;

    public EdgeSeal(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("DISPATCH_EDGE_SECRET (dispatch.edge.secret) must be set to at least "
                    + MIN_SECRET_LENGTH + " characters, the same in the gateway and the services");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String seal(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    public boolean sealed(String address, String seal) {
        return address != null && seal != null && MessageDigest.isEqual(
                seal(address).getBytes(StandardCharsets.US_ASCII), seal.getBytes(StandardCharsets.US_ASCII));
    }
}
