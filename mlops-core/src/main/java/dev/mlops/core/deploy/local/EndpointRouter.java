package dev.mlops.core.deploy.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The stable address of a local endpoint: forwards every request to the model server named in a
 * route file, so that a deployment swaps versions by rewriting that file, without the endpoint's
 * URL changing or a request being refused. Runs in its own JVM and needs only the JDK.
 *
 * <p>Bodies are streamed both ways, refused with 413 above the payload limit; a model server that is
 * gone is a 502, one that does not answer within the invocation timeout a 504 (as SageMaker's
 * real-time endpoints: 6 MB, 60 s).
 *
 * <p>{@code java -cp <this jar> [-Dmlops.router.invocationTimeoutSeconds=60] [-Dmlops.router.maxPayloadMb=6]
 * [-Dmlops.router.readTimeoutSeconds=30] dev.mlops.core.deploy.local.EndpointRouter <port> <route file>}
 */
public final class EndpointRouter {

    public static final String INVOCATION_TIMEOUT_PROPERTY = "mlops.router.invocationTimeoutSeconds";
    public static final String MAX_PAYLOAD_PROPERTY = "mlops.router.maxPayloadMb";
    public static final String READ_TIMEOUT_PROPERTY = "mlops.router.readTimeoutSeconds";
    /** What the model server says it is; passed through so that a client knows which version answered. */
    public static final String VERSION_HEADER = "X-Mlops-Model-Version";
    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Accept");
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
    // connections being read or answered at once: a client that sends half a request holds one until the read timeout
    private static final int MAX_THREADS = 256;

    private final Path routeFile;
    private final Duration invocationTimeout;
    private final long maxPayloadBytes;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile FileTime routeStamp;
    private volatile int backendPort;

    private EndpointRouter(Path routeFile, Duration invocationTimeout, long maxPayloadBytes) {
        this.routeFile = routeFile;
        this.invocationTimeout = invocationTimeout;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EndpointRouter PORT ROUTE_FILE");
            System.exit(2);
        }
        // as for the model server: without it every answer waits ~40 ms for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // a request (headers and body) not in within this is cut off; the JDK reads it once, on first use
        System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(Long.getLong(READ_TIMEOUT_PROPERTY, 30)));
        EndpointRouter router = new EndpointRouter(Path.of(args[1]),
                Duration.ofSeconds(Long.getLong(INVOCATION_TIMEOUT_PROPERTY, 60)),
                Long.getLong(MAX_PAYLOAD_PROPERTY, 6) * 1024 * 1024);
        int port = Integer.parseInt(args[0]);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (BindException e) {
            // the deploying build reads this line from router.log: "Address already in use", "Permission denied", …
            System.out.println("[mlops-router] cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            System.exit(3);
            return;
        }
        ThreadPoolExecutor workers = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>());
        workers.allowCoreThreadTimeOut(true);
        server.setExecutor(workers);
        server.createContext("/", router::forward);
        server.start();
        System.out.println("[mlops-router] routing port " + server.getAddress().getPort() + " by " + args[1]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            workers.shutdown();
        }));
    }

    private void forward(HttpExchange exchange) {
        try {
            long declared = declaredLength(exchange);
            if (declared > maxPayloadBytes) {
                refuseTooLarge(exchange);
                return;
            }
            LimitedBody body = new LimitedBody(exchange.getRequestBody(), maxPayloadBytes);
            HttpResponse<InputStream> answer;
            try {
                answer = send(exchange, body, declared);
            } catch (ConnectException stale) {
                if (body.touched()) {
                    throw stale;
                }
                // the route may have just moved to a new server: read it again and retry once
                routeStamp = null;
                answer = send(exchange, body, declared);
            }
            relay(exchange, answer);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IOException && isTooLarge(e)) {
                refuseTooLarge(exchange);
            } else if (e instanceof HttpTimeoutException) {
                error(exchange, 504, "endpoint router: the model server did not answer within "
                        + (isPing(exchange) ? PING_TIMEOUT : invocationTimeout).toSeconds() + " s");
            } else {
                error(exchange, 502, "endpoint router: no model server answers (" + e + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(exchange, 503, "endpoint router: shutting down");
        } finally {
            exchange.close();
        }
    }

    private HttpResponse<InputStream> send(HttpExchange exchange, LimitedBody body, long declared)
            throws IOException, InterruptedException {
        URI target = URI.create("http://127.0.0.1:" + backendPort() + exchange.getRequestURI());
        HttpRequest.BodyPublisher publisher;
        if (declared == 0 || (declared < 0 && exchange.getRequestHeaders().getFirst("Transfer-Encoding") == null)) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (declared > 0) {
            publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), declared);
        } else {
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> body);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).method(exchange.getRequestMethod(), publisher)
                .timeout(isPing(exchange) ? PING_TIMEOUT : invocationTimeout);
        for (String header : FORWARDED_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static void relay(HttpExchange exchange, HttpResponse<InputStream> answer) throws IOException {
        for (String header : List.of("Content-Type", VERSION_HEADER)) {
            answer.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().set(header, v));
        }
        long length = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream in = answer.body()) {
            exchange.sendResponseHeaders(answer.statusCode(), length == 0 ? -1 : length < 0 ? 0 : length);
            if (length != 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        }
    }

    private static boolean isPing(HttpExchange exchange) {
        return exchange.getRequestURI().getPath().equals("/ping");
    }

    private static long declaredLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the JDK server has already refused a malformed length
        }
    }

    private void refuseTooLarge(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Connection", "close");
        error(exchange, 413, "endpoint router: the request body is larger than " + maxPayloadBytes / (1024 * 1024)
                + " MB (the endpoint's deploy.maxPayloadMb setting); send fewer records per request");
    }

    private static boolean isTooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    /** Answers with {@code status} unless an answer has begun already; then the connection is only closed. */
    private static void error(HttpExchange exchange, int status, String message) {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // nobody is left to tell
        }
    }

    private int backendPort() throws IOException {
        FileTime stamp = Files.getLastModifiedTime(routeFile);
        if (!stamp.equals(routeStamp)) {
            backendPort = Integer.parseInt(Files.readString(routeFile, StandardCharsets.UTF_8).trim());
            routeStamp = stamp;
        }
        return backendPort;
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("the request body is over the payload limit");
        }
    }

    /** The request body as it arrives, failing past the limit; remembers whether it was read at all. */
    private static final class LimitedBody extends FilterInputStream {
        private final long limit;
        private long read;
        private boolean touched;

        LimitedBody(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        boolean touched() {
            return touched;
        }

        @Override
        public int read() throws IOException {
            touched = true;
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            touched = true;
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new TooLarge();
            }
        }
    }
}
