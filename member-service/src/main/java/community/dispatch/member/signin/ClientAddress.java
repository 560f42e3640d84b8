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
 * {@code X-Forwarded-For} (the gateway replaces what a client sends), else the connection's peer. An
 * IPv6 address counts as its /64, the block one subscriber usually holds, so one client cannot spread
 * its attempts over many addresses.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(ServerHttpRequest request) {
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        if (!forwarded.isEmpty() && !forwarded.get(forwarded.size() - 1).isBlank()) {
            return normalise(forwarded.get(forwarded.size() - 1).trim());
        }
        InetSocketAddress peer = request.getRemoteAddress();
        return peer == null || peer.getAddress() == null ? "unknown" : normalise(peer.getAddress());
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
