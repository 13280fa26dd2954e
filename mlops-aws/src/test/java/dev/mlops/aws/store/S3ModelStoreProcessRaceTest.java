package dev.mlops.aws.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.aws.testing.S3Proxy;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.Fingerprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs against one S3 server publish the same versions (single PUT and multipart) and create the same aliases
 * at the same instants: each time exactly one wins, the other gets the error a file store gives, and what is
 * stored is the winner's.
 */
class S3ModelStoreProcessRaceTest {

    @TempDir Path temp;

    @Test
    void twoProcessesRacingForVersionsAndAliasesHaveOneWinnerEachTime() throws Exception {
        try (S3Proxy proxy = S3Proxy.start(temp.resolve("s3"))) {
            proxy.createBucket("race");
            String location = "s3://race/team";
            long start = System.currentTimeMillis() + 8_000; // both JVMs started and warm by then
            List<Process> writers = new ArrayList<>();
            try {
                for (String id : List.of("a", "b")) {
                    writers.add(writer(proxy, location, id, start));
                }
                for (Process writer : writers) {
                    if (!writer.waitFor(180, TimeUnit.SECONDS)) {
                        throw new AssertionError("a racing writer did not finish in 180 s");
                    }
                }
            } finally {
                for (Process writer : writers) {
                    writer.toHandle().destroyForcibly();
                    writer.waitFor(10, TimeUnit.SECONDS);
                }
            }
            Map<String, List<String>> outcomes = new HashMap<>();
            for (String id : List.of("a", "b")) {
                assertEquals(0, writers.get(id.equals("a") ? 0 : 1).exitValue(), Files.readString(temp.resolve(id + ".log")));
                for (String line : Files.readAllLines(temp.resolve(id + ".out"))) {
                    String[] parts = line.split(" ", 3);
                    outcomes.computeIfAbsent(parts[0] + " " + parts[1], k -> new ArrayList<>()).add(id + " " + parts[2]);
                }
            }
            S3ModelStore store = new S3ModelStore(S3Location.parse(location), proxy.client(), Clock.systemUTC(),
                    S3ModelStore.MIN_PART_SIZE);
            ModelName model = new ModelName("spam");
            for (int round = 0; round < RacingWriter.ROUNDS; round++) {
                String version = RacingWriter.version(round);
                List<String> publish = outcomes.get("publish " + version);
                String winner = oneWinner(publish, "dev.mlops.core.store.VersionExistsException");
                Path copy = temp.resolve("copy-" + round);
                store.copyArchive(model, new ModelVersion(version), copy);
                assertEquals(Fingerprints.sha256Of(temp.resolve("work").resolve(winner).resolve("round-" + round + ".tar.gz")),
                        Fingerprints.sha256Of(copy), "version " + version + " holds the winner's archive");
                oneWinner(outcomes.get("alias race-" + round), "dev.mlops.core.store.AliasConflictException");
                assertEquals(version, store.alias(model, "race-" + round).orElseThrow().version());
            }
            assertEquals(RacingWriter.ROUNDS, store.versions(model).size());
        }
    }

    private static String oneWinner(List<String> outcomes, String loserError) {
        assertEquals(2, outcomes.size(), outcomes.toString());
        List<String> won = outcomes.stream().filter(o -> o.endsWith(" won")).toList();
        assertEquals(1, won.size(), outcomes.toString());
        assertTrue(outcomes.stream().anyMatch(o -> o.endsWith(" lost " + loserError)), outcomes.toString());
        return won.get(0).split(" ")[0];
    }

    private Process writer(S3Proxy proxy, String location, String id, long start) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), RacingWriter.class.getName(),
                proxy.endpoint().toString(), location, id, Long.toString(start), temp.resolve("work").toString());
        builder.environment().clear();
        builder.environment().putAll(proxy.credentialsEnvironment());
        // nothing of this machine's AWS set-up: only the environment's keys
        builder.environment().put("AWS_CONFIG_FILE", temp.resolve("no-aws-config").toString());
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", temp.resolve("no-aws-credentials").toString());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return builder.redirectOutput(temp.resolve(id + ".out").toFile()).redirectError(temp.resolve(id + ".log").toFile()).start();
    }
}
