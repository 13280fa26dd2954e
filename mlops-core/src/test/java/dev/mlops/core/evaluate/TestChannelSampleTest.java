package dev.mlops.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestChannelSampleTest {

    @TempDir Path dir;

    @Test
    void theCurlHintSendsTheFirstRecordWithoutItsLabelInTheChannelsFormat() throws Exception {
        Files.writeString(dir.resolve("cps.csv"), "education,wage,occupation\n12,7.5,\"sales, 'retail'\"\n16,9.25,other\n");
        TestChannelSample sample = TestChannelSample.first(dir, RecordLayout.of("label", "wage", true), 1);
        assertEquals(List.of("text/csv", "12,\"sales, 'retail'\""), send(sample));
    }

    @Test
    void theCurlHintOfJsonLinesIsOneJsonObject() throws Exception {
        Files.writeString(dir.resolve("emails.jsonl"), "{\"label\":\"spam\",\"text\":\"it's free!\"}\n{\"label\":\"ham\",\"text\":\"b\"}\n");
        TestChannelSample sample = TestChannelSample.first(dir, RecordLayout.DEFAULT, 1);
        assertEquals(List.of("application/jsonlines", "{\"text\":\"it's free!\"}"), send(sample));
    }

    /** Runs the hint in a real shell against a real server: what arrives is what the user would send. */
    private static List<String> send(TestChannelSample sample) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/invocations", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String command = sample.curl(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            assertTrue(command.startsWith("curl -H 'Content-Type: "), command);
            Process curl = new ProcessBuilder("sh", "-c", command + " -sS -o /dev/null").redirectErrorStream(true).start();
            assertTrue(curl.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
            assertEquals(0, curl.exitValue(), new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            return received;
        } finally {
            server.stop(0);
        }
    }
}
