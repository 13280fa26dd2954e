package dev.mlops.core.deploy.local;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.deploy.Endpoint;
import dev.mlops.core.deploy.EndpointBackend;
import dev.mlops.core.deploy.StagedDeployment;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.ChildProcesses;
import dev.mlops.core.io.JsonFiles;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.MoreFiles;
import dev.mlops.core.io.TarGz;
import dev.mlops.core.serve.LocalModelServer;
import dev.mlops.core.store.ModelStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Endpoints as processes on this machine: a small router on the endpoint's port forwards to one
 * model server per deployed version ({@link LocalModelServer}); a deployment starts the new server
 * beside the old one, and the router is switched over only when the new one is healthy.
 *
 * <p>Each endpoint lives in {@code <endpoints>/<name>/}: {@code endpoint.json}, {@code route} (the
 * port the router forwards to), {@code router.log}, and one directory per deployment with the
 * unpacked model, a copy of the model's class path (so that {@code mvn clean} cannot pull it away)
 * and the server's log.
 */
public final class LocalEndpointBackend implements EndpointBackend {

    public static final String NAME = "local";
    private static final String ROUTER_MAIN = EndpointRouter.class.getName();
    private static final Duration DRAIN = Duration.ofSeconds(30);

    /**
     * @param routerJvm a JVM whose class path holds {@link EndpointRouter} (this module's jar)
     * @param port the endpoint's port when it is first created; 0 picks a free one
     * @param archiveLimits how much a model archive may unpack to
     */
    public record Settings(Path endpointsDir, ModelJvm modelJvm, ModelJvm routerJvm, int port,
            Duration startupTimeout, TarGz.Limits archiveLimits) {

        /** Within the default archive limits. */
        public Settings(Path endpointsDir, ModelJvm modelJvm, ModelJvm routerJvm, int port, Duration startupTimeout) {
            this(endpointsDir, modelJvm, routerJvm, port, startupTimeout, TarGz.Limits.DEFAULT);
        }
    }

    private final Settings settings;
    private final ModelStore store;
    private final Clock clock;

    public LocalEndpointBackend(Settings settings, ModelStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Endpoint> find(String endpoint) {
        return readState(settings.endpointsDir(), endpoint).map(LocalEndpointBackend::describe);
    }

    @Override
    public List<Endpoint> list() {
        return endpointsIn(settings.endpointsDir());
    }

    /** The local endpoints kept in {@code endpointsDir}, with whether each answers now. */
    public static List<Endpoint> endpointsIn(Path endpointsDir) {
        if (!Files.isDirectory(endpointsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(endpointsDir)) {
            return dirs.sorted().map(d -> d.getFileName().toString())
                    .map(name -> readState(endpointsDir, name).map(LocalEndpointBackend::describe))
                    .flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new InfrastructureException("Cannot list the local endpoints in " + endpointsDir + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public StagedDeployment stage(String endpoint, ModelName model, ModelVersion version, MlopsEvents events) {
        Path deploymentDir = endpointDir(endpoint).resolve("deployments")
                .resolve(version.value() + "-" + clock.instant().toEpochMilli());
        try {
            Path archive = deploymentDir.resolve("model.tar.gz");
            store.copyArchive(model, version, archive);
            TarGz.extract(archive, deploymentDir.resolve("ml/model"), settings.archiveLimits());
            ModelJvm jvm = copyClasspath(deploymentDir.resolve("lib"));
            LocalModelServer server = LocalModelServer.start(new LocalModelServer.Settings(jvm, deploymentDir.resolve("ml"),
                    0, deploymentDir.resolve("server.log"), settings.startupTimeout()), clock, events);
            return new StagedDeployment(endpoint, model.value(), version.value(), server.baseUri(),
                    server.pid() + " " + LocalProcesses.startedAt(server.handle()) + " " + server.port() + " "
                            + deploymentDir);
        } catch (RuntimeException e) {
            deleteQuietly(deploymentDir);
            throw e;
        }
    }

    @Override
    public Endpoint promote(StagedDeployment staged, MlopsEvents events) {
        String[] handle = staged.handle().split(" ", 4);
        long serverPid = Long.parseLong(handle[0]);
        long serverStartedAt = Long.parseLong(handle[1]);
        int serverPort = Integer.parseInt(handle[2]);
        Optional<LocalEndpointState> before = readState(settings.endpointsDir(), staged.endpoint());
        LocalEndpointState state = before
                .filter(s -> LocalProcesses.find(s.routerPid(), s.routerStartedAt()).isPresent())
                .orElseGet(() -> startRouter(staged, serverPort, before.map(LocalEndpointState::port)));
        writeRoute(staged.endpoint(), serverPort);
        LocalEndpointState now = state.serving(staged.version(), serverPid, serverStartedAt, serverPort, handle[3],
                clock.instant().toString());
        JsonFiles.write(endpointDir(staged.endpoint()).resolve("endpoint.json"), now);
        before.filter(old -> old.serverPid() != serverPid).ifPresent(old -> retire(old, events));
        return describe(now);
    }

    @Override
    public void discard(StagedDeployment staged, MlopsEvents events) {
        String[] handle = staged.handle().split(" ", 4);
        LocalProcesses.find(Long.parseLong(handle[0]), Long.parseLong(handle[1])).ifPresent(p -> LocalModelServer.stop(p, DRAIN));
        deleteQuietly(Path.of(handle[3]));
        events.info("Stopped the staged " + staged.version() + "; endpoint '" + staged.endpoint() + "' serves as before.");
    }

    @Override
    public void stop(String endpoint, MlopsEvents events) {
        LocalEndpointState state = readState(settings.endpointsDir(), endpoint).orElseThrow(() -> new ConfigurationException(
                "There is no local endpoint '" + endpoint + "' in " + settings.endpointsDir()
                        + ". See the endpoints with mvn mlops:status."));
        LocalProcesses.find(state.routerPid(), state.routerStartedAt())
                .ifPresent(p -> LocalModelServer.stop(p, Duration.ofSeconds(5)));
        LocalProcesses.find(state.serverPid(), state.serverStartedAt()).ifPresent(p -> LocalModelServer.stop(p, DRAIN));
        deleteQuietly(endpointDir(endpoint));
        events.info("Stopped local endpoint '" + endpoint + "' (it served " + state.version() + ").");
    }

    private void retire(LocalEndpointState old, MlopsEvents events) {
        LocalProcesses.find(old.serverPid(), old.serverStartedAt()).ifPresent(p -> {
            events.info("Stopping " + old.version() + " (pid " + old.serverPid() + ") after its requests drain");
            LocalModelServer.stop(p, DRAIN);
        });
        deleteQuietly(Path.of(old.deploymentDir()));
    }

    private LocalEndpointState startRouter(StagedDeployment staged, int serverPort, Optional<Integer> previousPort) {
        int port = previousPort.orElse(settings.port());
        Path dir = endpointDir(staged.endpoint());
        writeRoute(staged.endpoint(), serverPort);
        List<String> command = new ArrayList<>(List.of(settings.routerJvm().javaExecutable().toString(), "-Xmx64m",
                "-cp", String.join(java.io.File.pathSeparator,
                        settings.routerJvm().classpath().stream().map(Path::toString).toList()),
                ROUTER_MAIN, Integer.toString(port), dir.resolve("route").toString()));
        Path log = dir.resolve("router.log");
        try {
            Process router = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(ChildProcesses.nullDevice())).start();
            int bound = awaitRouterPort(router, log);
            return new LocalEndpointState(staged.endpoint(), staged.model(), router.pid(),
                    LocalProcesses.startedAt(router.toHandle()), bound, null, 0, 0, 0, null, null);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot start the router of endpoint '" + staged.endpoint() + "': "
                    + e.getMessage(), e);
        }
    }

    private int awaitRouterPort(Process router, Path log) {
        Instant deadline = clock.instant().plus(settings.startupTimeout());
        java.util.regex.Pattern routing = java.util.regex.Pattern.compile("routing port (\\d+)");
        while (clock.instant().isBefore(deadline)) {
            try {
                java.util.regex.Matcher matcher = routing.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            } catch (IOException e) {
                // not written yet
            }
            if (!router.isAlive()) {
                throw new DeploymentFailure("The endpoint router exited with code " + router.exitValue()
                        + " (is the port taken? set -Dmlops.deploy.port to a free one). Its log:\n" + ChildProcesses.tail(log, 10));
            }
            ChildProcesses.pause("the endpoint router");
        }
        router.destroyForcibly();
        throw new DeploymentFailure("The endpoint router did not start within " + settings.startupTimeout());
    }

    private static Endpoint describe(LocalEndpointState state) {
        URI url = URI.create("http://127.0.0.1:" + state.port());
        boolean healthy = LocalProcesses.find(state.routerPid(), state.routerStartedAt()).isPresent()
                && LocalProcesses.find(state.serverPid(), state.serverStartedAt()).isPresent() && pings(url);
        return new Endpoint(state.name(), NAME, state.model(), state.version(), url, healthy);
    }

    private static boolean pings(URI url) {
        try {
            HttpResponse<Void> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(url.resolve("/ping")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ModelJvm copyClasspath(Path lib) {
        List<Path> copied = new ArrayList<>();
        try {
            Files.createDirectories(lib);
            int index = 0;
            for (Path entry : settings.modelJvm().classpath()) {
                Path target = lib.resolve(String.format("%03d-%s", index++, entry.getFileName()));
                if (Files.isDirectory(entry)) {
                    MoreFiles.copyRecursively(entry, target);
                } else if (Files.isRegularFile(entry)) {
                    Files.copy(entry, target, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    continue;
                }
                copied.add(target);
            }
        } catch (IOException e) {
            throw new InfrastructureException("Cannot copy the model's class path into " + lib + ": " + e.getMessage(), e);
        }
        ModelJvm original = settings.modelJvm();
        return new ModelJvm(original.javaExecutable(), copied, original.jvmArgs(), original.environment());
    }

    private static Optional<LocalEndpointState> readState(Path endpointsDir, String endpoint) {
        Path file = endpointsDir.resolve(endpoint).resolve("endpoint.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        LocalEndpointState state = JsonFiles.read(file, LocalEndpointState.class);
        return state.version() == null ? Optional.empty() : Optional.of(state);
    }

    private void writeRoute(String endpoint, int serverPort) {
        Path route = endpointDir(endpoint).resolve("route");
        Path temp = route.resolveSibling("route.tmp");
        try {
            Files.createDirectories(route.getParent());
            Files.writeString(temp, Integer.toString(serverPort));
            // one rename: the router reads the old port or the new one, never half a file
            Files.move(temp, route, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot write the route of endpoint '" + endpoint + "': " + e.getMessage(), e);
        }
    }

    private Path endpointDir(String endpoint) {
        return settings.endpointsDir().resolve(endpoint);
    }

    private static void deleteQuietly(Path dir) {
        try {
            MoreFiles.deleteRecursively(dir);
        } catch (IOException ignored) {
            // a leftover deployment directory is harmless and is replaced by the next one
        }
    }

    /** A step of a local deployment failed. */
    static final class DeploymentFailure extends dev.mlops.core.deploy.DeploymentException {
        DeploymentFailure(String message) {
            super(message, null);
        }
    }
}
