package dev.mlops.maven.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a plain-HTTP registry that injects faults for real: the next N
 * connections answered {@code 503}, every connection reset (RST) once a number of bytes has gone upstream,
 * or a connection reset when a given request line (e.g. one tag's manifest PUT) passes through. JDK only;
 * {@link #close()} ends every thread and socket.
 */
final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicLong upstreamBytes = new AtomicLong();
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicInteger answered503 = new AtomicInteger();
    private volatile long resetAfterBytes = Long.MAX_VALUE;
    private volatile byte[] resetOnRequest;

    private FaultProxy(ServerSocket server, int upstreamPort) {
        this.server = server;
        this.upstreamPort = upstreamPort;
    }

    static FaultProxy start(int upstreamPort) throws IOException {
        FaultProxy proxy = new FaultProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstreamPort);
        Thread acceptor = new Thread(proxy::accept, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** The next {@code connections} connections get {@code 503 Service Unavailable} and are closed. */
    FaultProxy unavailableFor(int connections) {
        unavailable.set(connections);
        return this;
    }

    /** Once {@code bytes} bytes in all have gone upstream, every connection is reset as soon as it sends more. */
    FaultProxy resetAfter(long bytes) {
        upstreamBytes.set(0);
        resetAfterBytes = bytes;
        return this;
    }

    /** Resets any connection on which {@code requestLine} (e.g. {@code "PUT /v2/x/manifests/1.0.0 "}) is sent. */
    FaultProxy resetOn(String requestLine) {
        resetOnRequest = requestLine.getBytes(StandardCharsets.US_ASCII);
        return this;
    }

    /** No more faults. */
    FaultProxy heal() {
        unavailable.set(0);
        resetAfterBytes = Long.MAX_VALUE;
        resetOnRequest = null;
        return this;
    }

    int resets() {
        return resets.get();
    }

    int answered503() {
        return answered503.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    answer503(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                // closed, or the registry went away: the client sees the connection end
            }
        }
    }

    private void answer503(Socket client) {
        Thread thread = new Thread(() -> {
            try (client) {
                client.getInputStream().read(new byte[8192]);
                client.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                answered503.incrementAndGet();
            } catch (IOException ignored) {
                // the client left first
            }
        }, "fault-proxy-503");
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(Socket from, Socket to, boolean upstreamBound) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            byte[] tail = new byte[0];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (upstreamBound) {
                        byte[] seen = concat(tail, buffer, n);
                        byte[] marker = resetOnRequest;
                        if (upstreamBytes.addAndGet(n) > resetAfterBytes || (marker != null && indexOf(seen, marker) >= 0)) {
                            reset(from, to);
                            return;
                        }
                        tail = java.util.Arrays.copyOfRange(seen, Math.max(0, seen.length - 256), seen.length);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "fault-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    // SO_LINGER 0 makes close() send RST: the client sees "connection reset" mid-request
    private void reset(Socket client, Socket upstream) {
        resets.incrementAndGet();
        try {
            client.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already gone
        }
        closeQuietly(client);
        closeQuietly(upstream);
    }

    private static byte[] concat(byte[] tail, byte[] buffer, int n) {
        byte[] all = new byte[tail.length + n];
        System.arraycopy(tail, 0, all, 0, tail.length);
        System.arraycopy(buffer, 0, all, tail.length, n);
        return all;
    }

    private static int indexOf(byte[] data, byte[] marker) {
        outer:
        for (int i = 0; i <= data.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(FaultProxy::closeQuietly);
    }
}
