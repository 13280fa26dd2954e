package dev.mlops.core.deploy.local;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.deploy.Endpoint;
import dev.mlops.core.deploy.DeploymentPolicy;
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
     * @param invocationTimeout how long the router waits for the model server's answer before a 504
     * @param maxPayloadMb larger request bodies are refused with 413, by the router and the model server
     * @param lockTimeout how long a deployment waits for another one of the same endpoint to finish
     * @param archiveLimits how much a model archive may unpack to
     */
    public record Settings(Path endpointsDir, ModelJvm modelJvm, ModelJvm routerJvm, int port,
            Duration startupTimeout, Duration invocationTimeout, int maxPayloadMb, Duration lockTimeout,
            TarGz.Limits archiveLimits) {

        public static final Duration DEFAULT_INVOCATION_TIMEOUT = Duration.ofSeconds(60);
        public static final int DEFAULT_MAX_PAYLOAD_MB = 6;
        public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(10);
    }

    /** What {@code <deployment>/server.json} says of the model server, written before it serves. */
    record ServerRecord(long pid, long startedAt) {}

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
    public Lock lock(String endpoint, String purpose, MlopsEvents events) {
        return EndpointLock.acquire(settings.endpointsDir(), endpoint, purpose, settings.lockTimeout(), clock, events);
    }

    @Override
    public StagedDeployment stage(String endpoint, ModelName model, ModelVersion version, DeploymentPolicy policy,
            MlopsEvents events) {
        requireAllAtOnce(policy);
        removeOrphans(endpoint, events);
        Path deploymentDir = endpointDir(endpoint).resolve("deployments")
                .resolve(version.value() + "-" + clock.instant().toEpochMilli());
        try {
            Path archive = deploymentDir.resolve("model.tar.gz");
            store.copyArchive(model, version, archive);
            TarGz.extract(archive, deploymentDir.resolve("ml/model"), settings.archiveLimits());
            ModelJvm jvm = copyClasspath(deploymentDir.resolve("lib"), version);
            // recorded before it serves, so that the next run stops it if this one is killed meanwhile
            LocalModelServer server = LocalModelServer.start(new LocalModelServer.Settings(jvm, deploymentDir.resolve("ml"),
                    0, deploymentDir.resolve("server.log"), settings.startupTimeout(), true), clock, events,
                    started -> JsonFiles.write(deploymentDir.resolve("server.json"),
                            new ServerRecord(started.pid(), LocalProcesses.startedAt(started))));
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
        Optional<LocalEndpointState> routed = before.filter(s -> LocalProcesses.find(s.routerPid(), s.routerStartedAt()).isPresent());
        routed.filter(old -> settings.port() != 0 && settings.port() != old.port()).ifPresent(old -> events.warn(Text.of(
                "Endpoint '" + staged.endpoint() + "' keeps its port " + old.port() + "; ",
                Setting.DEPLOY_PORT.is(settings.port()), " applies only when an endpoint is created. To move it, run ",
                Goal.UNDEPLOY, " first, then deploy again.")));
        // a router that is gone is started again on the port asked for, else on the endpoint's old one
        LocalEndpointState state = routed.orElseGet(() -> startRouter(staged, serverPort,
                settings.port() != 0 ? settings.port() : before.map(LocalEndpointState::port).orElse(0)));
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
        Optional<LocalEndpointState> found = readState(settings.endpointsDir(), endpoint);
        if (found.isEmpty()) {
            // a deployment killed before it wrote endpoint.json may have left a server running
            int stopped = removeOrphans(endpoint, events);
            if (stopped > 0) {
                deleteQuietly(endpointDir(endpoint));
                return;
            }
            throw new ConfigurationException(Text.of("There is no local endpoint '" + endpoint + "' in "
                    + settings.endpointsDir() + ". See the endpoints with ", Goal.STATUS, "."));
        }
        LocalEndpointState state = found.get();
        LocalProcesses.find(state.routerPid(), state.routerStartedAt())
                .ifPresent(p -> LocalModelServer.stop(p, Duration.ofSeconds(5)));
        LocalProcesses.find(state.serverPid(), state.serverStartedAt()).ifPresent(p -> LocalModelServer.stop(p, DRAIN));
        removeOrphans(endpoint, events);
        deleteQuietly(endpointDir(endpoint));
        events.info("Stopped local endpoint '" + endpoint + "' (it served " + state.version() + ").");
    }

    /**
     * Stops the model servers of deployments that are neither serving nor being staged (a build
     * killed mid-deployment left them), by the pid and start time recorded before each served, and
     * removes their directories. Runs under the endpoint's lock, so no deployment is in progress.
     *
     * @return how many servers were stopped
     */
    private int removeOrphans(String endpoint, MlopsEvents events) {
        Path deployments = endpointDir(endpoint).resolve("deployments");
        if (!Files.isDirectory(deployments)) {
            return 0;
        }
        Optional<Path> serving = readState(settings.endpointsDir(), endpoint).map(s -> Path.of(s.deploymentDir()));
        int stopped = 0;
        try (Stream<Path> dirs = Files.list(deployments)) {
            for (Path dir : dirs.toList()) {
                if (serving.map(dir::equals).orElse(false)) {
                    continue;
                }
                Path record = dir.resolve("server.json");
                if (Files.isRegularFile(record)) {
                    ServerRecord server = JsonFiles.read(record, ServerRecord.class);
                    Optional<ProcessHandle> process = LocalProcesses.find(server.pid(), server.startedAt());
                    if (process.isPresent()) {
                        events.warn("Stopping the model server left by an interrupted deployment of endpoint '" + endpoint
                                + "' (pid " + server.pid() + ", " + dir.getFileName() + ")");
                        LocalModelServer.stop(process.get(), Duration.ofSeconds(5));
                        stopped++;
                    }
                }
                deleteQuietly(dir);
            }
        } catch (IOException e) {
            throw new InfrastructureException("Cannot list the deployments of endpoint '" + endpoint + "' in "
                    + deployments + ": " + e.getMessage(), e);
        }
        return stopped;
    }

    private void retire(LocalEndpointState old, MlopsEvents events) {
        LocalProcesses.find(old.serverPid(), old.serverStartedAt()).ifPresent(p -> {
            events.info("Stopping " + old.version() + " (pid " + old.serverPid() + ") after its requests drain");
            LocalModelServer.stop(p, DRAIN);
        });
        deleteQuietly(Path.of(old.deploymentDir()));
    }

    private LocalEndpointState startRouter(StagedDeployment staged, int serverPort, int port) {
        Path dir = endpointDir(staged.endpoint());
        writeRoute(staged.endpoint(), serverPort);
        List<String> command = new ArrayList<>(List.of(settings.routerJvm().javaExecutable().toString(), "-Xmx64m",
                "-D" + EndpointRouter.INVOCATION_TIMEOUT_PROPERTY + "=" + Math.max(1, settings.invocationTimeout().toSeconds()),
                "-D" + EndpointRouter.MAX_PAYLOAD_PROPERTY + "=" + settings.maxPayloadMb(),
                "-cp", String.join(java.io.File.pathSeparator,
                        settings.routerJvm().classpath().stream().map(Path::toString).toList()),
                ROUTER_MAIN, Integer.toString(port), dir.resolve("route").toString()));
        Path log = dir.resolve("router.log");
        try {
            Process router = ChildProcesses.builder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(ChildProcesses.nullDevice())).start();
            int bound = awaitRouterPort(router, log, port);
            return new LocalEndpointState(staged.endpoint(), staged.model(), router.pid(),
                    LocalProcesses.startedAt(router.toHandle()), bound, null, 0, 0, 0, null, null);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot start the router of endpoint '" + staged.endpoint() + "': "
                    + e.getMessage(), e);
        }
    }

    private int awaitRouterPort(Process router, Path log, int port) {
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
                String tail = ChildProcesses.tail(log, 10);
                if (router.exitValue() == 3) {
                    String why = tail.contains("already in use") ? "port " + port + " is in use"
                            : "port " + port + " cannot be bound (" + tail.lines().reduce((a, b) -> b).orElse("") + ")";
                    throw new DeploymentFailure(Text.of("The endpoint router cannot listen: " + why + ". Choose another"
                            + " with ", Setting.DEPLOY_PORT.any("port"), " (0 picks a free one), or stop what listens there."));
                }
                throw new DeploymentFailure("The endpoint router exited with code " + router.exitValue()
                        + ". Its log:\n" + tail);
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

    private ModelJvm copyClasspath(Path lib, ModelVersion version) {
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
        java.util.Map<String, String> environment = new java.util.HashMap<>(original.environment());
        environment.put("MLOPS_MODEL_VERSION", version.value());
        environment.put("SAGEMAKER_MAX_PAYLOAD_IN_MB", Integer.toString(settings.maxPayloadMb()));
        return new ModelJvm(original.javaExecutable(), copied, original.jvmArgs(), environment);
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

        DeploymentFailure(Text message) {
            super(message, null);
        }
    }

    // the router shifts traffic in one step only, for now: refuse rather than ignore what was asked
    private static void requireAllAtOnce(DeploymentPolicy policy) {
        if (!(policy.shift() instanceof DeploymentPolicy.AllAtOnce) || policy.shadow().isPresent()
                || policy.dataCapturePercent() > 0) {
            throw new ConfigurationException(Text.of("The local endpoint deploys all at once, without a shadow version"
                    + " or data capture; '" + policy.shift().label() + "' was asked. Set ", Setting.DEPLOY_STRATEGY,
                    " to all-at-once and leave ", Setting.DEPLOY_SHADOW_VERSION, " and ",
                    Setting.DEPLOY_DATA_CAPTURE_PERCENT, " unset."));
        }
    }
}
