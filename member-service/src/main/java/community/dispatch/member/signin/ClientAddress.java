package community.dispatch.member.signin;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Where a sign-in comes from, as a limit counts it: the address the gateway appended last to
 * {@code X-Forwarded-For} (the gateway replaces what a client sends), else the connection's peer. The
 * header is believed only from a peer on this host or the private network (where the gateway runs), so a
 * caller who reaches the service directly cannot choose their own address. An IPv6 address counts as its
 * /64, the block one subscriber usually holds, so one client cannot spread its attempts over many addresses.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return "unknown";
        }
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        if (fromThePrivateNetwork(peer.getAddress()) && !forwarded.isEmpty() && !forwarded.get(forwarded.size() - 1).isBlank()) {
            return normalise(forwarded.get(forwarded.size() - 1).trim());
        }
        return normalise(peer.getAddress());
    }

    /** Loopback, RFC 1918, link-local, or an IPv6 unique local address (fc00::/7). */
    private static boolean fromThePrivateNetwork(InetAddress peer) {
        return peer.isLoopbackAddress() || peer.isSiteLocalAddress() || peer.isLinkLocalAddress()
                || (peer instanceof Inet6Address && (peer.getAddress()[0] & 0xfe) == 0xfc);
    }

    static String normalise(String literal) {
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            return "unknown";
        }
        try {
            // Only numeric literals reach here, so this never looks a name up.
            return normalise(InetAddress.getByName(literal));
        }
        catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static String normalise(InetAddress address) {
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
