package community.dispatch.web.client;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A client's address as every limit counts it: an IPv4 address as it is, an IPv6 address as its /64 (the
 * block one subscriber usually holds, so one client cannot spread its attempts over many addresses), and
 * anything that is not a numeric address as {@code unknown}. The gateway and the services count alike.
 */
public final class ClientAddress {

    public static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    public static String normalise(String literal) {
        if (literal == null || !literal.matches("[0-9A-Fa-f:.]{2,45}")) {
            return UNKNOWN;
        }
        try {
            // Only numeric literals reach here, so this never looks a name up.
            return normalise(InetAddress.getByName(literal));
        }
        catch (UnknownHostException e) {
            return UNKNOWN;
        }
    }

    public static String normalise(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] block = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(block, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(block).getHostAddress() + "/64";
            }
            catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }
}
