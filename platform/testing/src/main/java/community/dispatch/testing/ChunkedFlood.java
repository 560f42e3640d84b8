package community.dispatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a hostile client does to a server that trusts {@code Content-Length}: a POST with
 * {@code Transfer-Encoding: chunked} and no length, whose body keeps coming (up to {@code bytes}), written
 * by one thread while another reads the answer — so a server that answers early is heard, however much
 * the client was still sending. Plain sockets, so the client is as simple as an attacker's.
 */
public final class ChunkedFlood {

    /** The status the server answered (0 if it closed without one), the start of its body, and what was sent. */
    public record Outcome(int status, String body, long bytesSent) {
    }

    private static final int CHUNK = 64 * 1024;

    private ChunkedFlood() {
    }

    public static Outcome post(int port, String path, Map<String, String> headers, long bytes) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 5000);
            socket.setSoTimeout(30_000);
            AtomicLong sent = new AtomicLong();
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nTransfer-Encoding: chunked\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> flood(out, bytes, sent));
            String answer = read(socket.getInputStream());
            writer.cancel(true);
            int status = answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : 0;
            int bodyStart = answer.indexOf("\r\n\r\n");
            return new Outcome(status, bodyStart < 0 ? "" : answer.substring(bodyStart + 4), sent.get());
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not flood localhost:" + port + path, e);
        }
    }

    private static void flood(OutputStream out, long bytes, AtomicLong sent) {
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 'x');
        byte[] size = (Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
        try {
            while (sent.get() < bytes) {
                out.write(size);
                out.write(chunk);
                out.write(end);
                sent.addAndGet(CHUNK);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        catch (IOException closedByTheServer) {
            // What a server that stops reading does; the answer tells the rest.
        }
    }

    /** The answer's head and the start of its body, up to the server closing or 64 KB. */
    private static String read(InputStream in) throws IOException {
        byte[] buffer = new byte[CHUNK];
        int length = 0;
        try {
            for (int read; length < buffer.length && (read = in.read(buffer, length, buffer.length - length)) > 0; ) {
                length += read;
                String sofar = new String(buffer, 0, length, StandardCharsets.UTF_8);
                int bodyStart = sofar.indexOf("\r\n\r\n");
                if (bodyStart >= 0 && complete(sofar, bodyStart)) {
                    break;
                }
            }
        }
        catch (IOException reset) {
            // A reset after the answer arrived: keep what was read.
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    private static boolean complete(String answer, int bodyStart) {
        String head = answer.substring(0, bodyStart).toLowerCase();
        int lengthAt = head.indexOf("content-length:");
        if (lengthAt < 0) {
            return false;
        }
        int lineEnd = head.indexOf("\r\n", lengthAt);
        int declared = Integer.parseInt(head.substring(lengthAt + 15, lineEnd < 0 ? head.length() : lineEnd).trim());
        return answer.getBytes(StandardCharsets.UTF_8).length - bodyStart - 4 >= declared;
    }
}
