package dev.mlops.maven.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mlops.core.io.MoreFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The bad-input catalogue (docs/reliability.md): each line of {@code bad-input/cases.txt} is a real,
 * offline Maven build of a tiny model project against a prepared store (1.0.0 trained, evaluated and
 * in {@code production}; 1.1.0 a candidate). Each must fail, name the offending value and how to fix
 * it, and leave the store and the endpoints directory exactly as they were: every name, content and
 * mode is hashed before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCatalogueIT {

    /** Two builds at a time: the machine has two cores. */
    private static final int PARALLEL = 2;
    private static final int BUILD_TIMEOUT_SECONDS = 180;
    /** Signs that an exception escaped the plugin's own messages. */
    private static final List<String> RAW_FAILURES = List.of("NullPointerException", "Execution default-cli of goal",
            "For input string", "ArrayIndexOutOfBoundsException", "ClassCastException");

    private Path work;
    private Path base;
    private ExecutorService builds;
    private long started;

    @BeforeAll
    void prepareTheStore() throws Exception {
        work = Path.of(System.getProperty("badinput.it.dir", "target/bad-input-it")).toAbsolutePath();
        MoreFiles.deleteRecursively(work);
        base = Files.createDirectories(work.resolve("base"));
        copyTree(Path.of(getClass().getResource("/bad-input/project").toURI()), base);
        succeed(base, "mlops:train", "-Dmlops.version=1.0.0", "mlops:evaluate");
        succeed(base, "mlops:deploy", "-Dmlops.version=1.0.0", "mlops:undeploy");
        succeed(base, "mlops:train", "-Dmlops.version=1.1.0");
        builds = Executors.newFixedThreadPool(PARALLEL, r -> {
            Thread thread = new Thread(r, "bad-input-build");
            thread.setDaemon(true);
            return thread;
        });
        started = System.nanoTime();
    }

    @AfterAll
    void report() throws IOException {
        if (builds != null) {
            builds.shutdownNow();
            Files.writeString(work.resolve("catalogue-time.txt"), "wall time of the cases: "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s, " + PARALLEL + " at a time\n");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseFailsClearlyAndChangesNothing() throws IOException {
        List<BadInputCase> cases = BadInputCase.load("/bad-input/cases.txt");
        Map<String, Long> ids = cases.stream().collect(Collectors.groupingBy(BadInputCase::id, Collectors.counting()));
        ids.forEach((id, count) -> assertEquals(1L, count, "case id " + id + " appears " + count + " times"));
        // all builds start now, two at a time; each named test waits for its own
        Map<BadInputCase, Future<Outcome>> outcomes = new LinkedHashMap<>();
        for (BadInputCase badInput : cases) {
            outcomes.put(badInput, builds.submit(() -> run(badInput)));
        }
        return outcomes.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey().toString(),
                () -> check(entry.getKey(), await(entry.getValue()))));
    }

    record Outcome(int exit, String log, String storeChanges, String endpointChanges, Path project) {}

    private Outcome run(BadInputCase badInput) throws Exception {
        Path project = work.resolve("cases").resolve(badInput.id()).resolve("project");
        copyTree(base, project);
        for (String step : badInput.setup()) {
            CaseSetup.apply(project, step);
        }
        TreeHash store = TreeHash.of(project.resolve("store"));
        TreeHash endpoints = TreeHash.of(project.resolve("endpoints")).withoutEmptyDirectories();
        Maven.Result build = Maven.run(project, badInput.arguments(), BUILD_TIMEOUT_SECONDS);
        if (build.exit() == 0 && badInput.arguments().contains("mlops:deploy")) {
            Maven.run(project, List.of("mlops:undeploy"), BUILD_TIMEOUT_SECONDS); // never leave an endpoint running
        }
        return new Outcome(build.exit(), build.log(), TreeHash.of(project.resolve("store")).changesSince(store),
                TreeHash.of(project.resolve("endpoints")).withoutEmptyDirectories().changesSince(endpoints), project);
    }

    /** How {@code Text.NEUTRAL} spells a setting or goal; Maven users must see the POM element, flag or command. */
    private static final java.util.regex.Pattern CORE_WORDS = java.util.regex.Pattern.compile(
            "the setting '[^']*'|the (version|package|train|evaluate|deploy|rollback|undeploy|serve|status) goal");

    private static void check(BadInputCase badInput, Outcome outcome) {
        List<String> problems = new ArrayList<>();
        if (outcome.exit() == 0) {
            problems.add("the build succeeded");
        }
        for (String fragment : badInput.expected()) {
            String expected = fragment.replace("${project}", outcome.project().toString());
            if (!outcome.log().contains(expected)) {
                problems.add("the output lacks \"" + expected + "\"");
            }
        }
        RAW_FAILURES.stream().filter(outcome.log()::contains)
                .forEach(raw -> problems.add("a raw exception reached the user (" + raw + ")"));
        java.util.regex.Matcher neutral = CORE_WORDS.matcher(outcome.log());
        if (neutral.find()) {
            problems.add("a setting or goal reached the user in the core's neutral words (" + neutral.group() + ")");
        }
        if (!outcome.storeChanges().isEmpty()) {
            problems.add("the store changed:\n" + outcome.storeChanges());
        }
        if (!outcome.endpointChanges().isEmpty()) {
            problems.add("the endpoints directory changed:\n" + outcome.endpointChanges());
        }
        String verdict = "case " + badInput.id() + " (cases.txt line " + badInput.line() + ", mvn "
                + String.join(" ", badInput.arguments()) + "): " + String.join("; ", problems)
                + "\n--- what the user saw:\n" + Maven.errors(outcome.log());
        if (badInput.needs().isPresent()) {
            // a case that waits for another helper's fix: it must fail today, and the marker goes once it passes
            if (problems.isEmpty()) {
                fail("case " + badInput.id() + " passes now: remove needs=" + badInput.needs().get() + " from cases.txt line "
                        + badInput.line());
            }
            Assumptions.abort("waits for " + badInput.needs().get() + ": " + verdict);
        }
        if (!problems.isEmpty()) {
            fail(verdict);
        }
    }

    private static Outcome await(Future<Outcome> outcome) throws Exception {
        try {
            return outcome.get(30, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void succeed(Path project, String... arguments) {
        Maven.Result build = Maven.run(project, List.of(arguments), BUILD_TIMEOUT_SECONDS);
        assertEquals(0, build.exit(), "preparing the store: mvn " + String.join(" ", arguments) + "\n" + build.log());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
