package dev.mlops.core.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.testmodels.WordCountModel;
import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalModelServerTest {

    @TempDir Path temp;

    @Test
    void servesTheModelOverHttpUntilStopped() throws Exception {
        Files.createDirectories(temp.resolve("ml/model"));
        Files.writeString(temp.resolve("ml/model/count.txt"), "42");
        LocalModelServer server = LocalModelServer.start(settings(), Clock.systemUTC(), MlopsEvents.NONE);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/invocations"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("[{\"x\":1},{\"x\":2}]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("42"), response.body());
        } finally {
            server.stop(Duration.ofSeconds(10));
        }
        assertFalse(server.handle().isAlive());
        assertTrue(Files.readString(temp.resolve("server.log")).contains("stopped"));
    }

    @Test
    void aModelThatCannotLoadFailsTheStartWithTheServerLog() {
        // no model/count.txt: the model's load() fails
        InfrastructureException e = assertThrows(InfrastructureException.class,
                () -> LocalModelServer.start(settings(), Clock.systemUTC(), MlopsEvents.NONE));
        assertTrue(e.getMessage().contains("count.txt"), e.getMessage());
    }

    private LocalModelServer.Settings settings() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> classpath = Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        return new LocalModelServer.Settings(new ModelJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
                classpath, List.of("-Xmx64m"), Map.of("MLOPS_MODEL_CLASS", WordCountModel.class.getName())),
                temp.resolve("ml"), 0,
                temp.resolve("server.log"), Duration.ofSeconds(30));
    }
}
