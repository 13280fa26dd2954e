package dev.mlops.core.deploy.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The stable address of a local endpoint: forwards every request to the model server named in a
 * route file, so that a deployment swaps versions by rewriting that file, without the endpoint's
 * URL changing or a request being refused. Runs in its own JVM and needs only the JDK.
 *
 * <p>{@code java -cp <this jar> dev.mlops.core.deploy.local.EndpointRouter <port> <route file>}
 */
public final class EndpointRouter {

    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Accept");

    private final Path routeFile;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile FileTime routeStamp;
    private volatile int backendPort;

    private EndpointRouter(Path routeFile) {
        this.routeFile = routeFile;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: EndpointRouter <port> <route file>");
            System.exit(2);
        }
        // as for the model server: without it every answer waits ~40 ms for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
        EndpointRouter router = new EndpointRouter(Path.of(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        ExecutorService workers = Executors.newFixedThreadPool(4 * Runtime.getRuntime().availableProcessors());
        server.setExecutor(workers);
        server.createContext("/", router::forward);
        server.start();
        System.out.println("[mlops-router] routing port " + server.getAddress().getPort() + " by " + args[1]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            workers.shutdown();
        }));
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpResponse<byte[]> answer;
            try {
                answer = send(exchange, body);
            } catch (ConnectException stale) {
                // the route may have just moved to a new server: read it again and retry once
                routeStamp = null;
                answer = send(exchange, body);
            }
            answer.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().set("Content-Type", t));
            byte[] bytes = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException | RuntimeException e) {
            byte[] message = ("endpoint router: no model server answers (" + e.getMessage() + ")\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(502, message.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> send(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI target = URI.create("http://127.0.0.1:" + backendPort() + exchange.getRequestURI());
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : FORWARDED_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private int backendPort() throws IOException {
        FileTime stamp = Files.getLastModifiedTime(routeFile);
        if (!stamp.equals(routeStamp)) {
            backendPort = Integer.parseInt(Files.readString(routeFile, StandardCharsets.UTF_8).trim());
            routeStamp = stamp;
        }
        return backendPort;
    }
}
