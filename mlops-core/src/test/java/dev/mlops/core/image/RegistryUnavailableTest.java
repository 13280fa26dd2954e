package dev.mlops.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.InfrastructureException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tag lookup against a registry that answers 503 for a while: asked again, and a clear error if it stays down. */
class RegistryUnavailableTest {

    private static final RegistryAccess ANONYMOUS = new RegistryAccess(new CredentialChain(List.of()), true);

    private ServerSocket registry;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int unavailableFor;

    @BeforeEach
    void start() throws Exception {
        registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(this::serve, "plain-http-registry");
        server.setDaemon(true);
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        registry.close();
    }

    // plain HTTP, one request per connection; a TLS hello is refused at once, as docker-registry does
    private void serve() {
        while (!registry.isClosed()) {
            try (Socket client = registry.accept()) {
                InputStream in = client.getInputStream();
                int first = in.read();
                if (first == 0x16) {
                    continue;
                }
                byte[] head = new byte[4096];
                in.read(head);
                int status = requests.incrementAndGet() <= unavailableFor ? 503 : 200;
                client.getOutputStream().write(("HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // closed by the test
            }
        }
    }

    @Test
    void twoUnavailableAnswersAreRetried() {
        unavailableFor = 2;
        assertTrue(new RegistryApiTagLookup().exists(host(), "team/model", "1.0.0", ANONYMOUS));
        assertEquals(3, requests.get());
    }

    @Test
    void aRegistryThatStaysUnavailableFailsNamingTheStatus() {
        unavailableFor = Integer.MAX_VALUE;
        InfrastructureException e = assertThrows(InfrastructureException.class,
                () -> new RegistryApiTagLookup().exists(host(), "team/model", "1.0.0", ANONYMOUS));
        assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains(host()), e.getMessage());
        assertEquals(3, requests.get(), "three attempts, then the error");
    }

    private String host() {
        return "127.0.0.1:" + registry.getLocalPort();
    }
}
