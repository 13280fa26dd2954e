package dev.mlops.maven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.io.DotEnvFile;
import dev.mlops.core.io.MoreFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The secrets suite: a sentinel in every credential input (AWS keys and session token, GitLab tokens, a Slack
 * webhook URL, registry passwords in the environment, in settings.xml plain and encrypted with
 * settings-security.xml, in a Docker config), then real {@code mvn -X} runs of the sample through version →
 * package (to docker-registry, TLS + htpasswd) → train → evaluate → deploy → status → undeploy; no sentinel may
 * appear in any build log, report, {@code mlops.env}, the store, the endpoint directory, or the environment of
 * the processes the plugin starts.
 *
 * <p>One exception, stated precisely: at {@code -X} maven-resources-plugin (run by the lifecycle before
 * {@code compile}) prints every environment variable as {@code [DEBUG] env.NAME: value}; those lines, and only
 * those, are left out for the sentinels that are in the environment ({@link BuildLog}). The sentinels that are
 * not in the environment (the settings.xml passwords, the master password, the Docker config) may appear nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsIT {

    private static final String REPOSITORY = "models/spam-classifier";
    private static final Pattern ENCRYPTED = Pattern.compile("\\{[A-Za-z0-9+/=]+\\}");

    /** In the environment of every run: Maven's resources plugin dumps them at -X, nothing else may show them. */
    private final Map<String, String> environment = new LinkedHashMap<>();
    /** Never in the environment: may appear nowhere at all. */
    private final Map<String, String> elsewhere = new LinkedHashMap<>();
    private final List<Tools.Result> builds = new ArrayList<>();
    private final Map<String, String> childEnvironments = new LinkedHashMap<>();

    private Path work;
    private Path sample;
    private Path endpoints;
    private LocalRegistry registry;
    private List<String> common;

    @BeforeAll
    void runThePipelineWithEverySentinelSet() throws Exception {
        work = Path.of(System.getProperty("image.it.dir", "target/image-it")).toAbsolutePath().resolveSibling("secrets-it");
        MoreFiles.deleteRecursively(work);
        Files.createDirectories(work);
        registry = LocalRegistry.start(Files.createDirectories(work.resolve("registry")),
                Optional.of(Path.of(getClass().getResource("/registry/htpasswd").toURI())));
        sample = SampleProject.copy(work.resolve("sample"));
        endpoints = work.resolve("endpoints");

        environment.put("AWS_ACCESS_KEY_ID", "AKIASECRETSSUITE0001");
        environment.put("AWS_SECRET_ACCESS_KEY", "aws-secret-sentinel-5b7e");
        environment.put("AWS_SESSION_TOKEN", "aws-session-sentinel-0f4d");
        environment.put("CI_JOB_TOKEN", "ci-job-token-sentinel-a2c8");
        environment.put("GITLAB_TOKEN", "glpat-gitlab-token-sentinel-6e19");
        environment.put("MLOPS_GITLAB_TOKEN", "glpat-mlops-gitlab-sentinel-3d70");
        environment.put("MLOPS_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0000/B0000/slack-sentinel-9c41");
        environment.put("MLOPS_REGISTRY_USER", LocalRegistry.USER);
        environment.put("MLOPS_REGISTRY_PASSWORD", "env-registry-password-sentinel-81fa");
        environment.put("CI_REGISTRY_PASSWORD", "ci-registry-password-sentinel-27bb");
        // as in a GitLab job: the job token is also inside the clone URL and the checkout's remote
        String cloneUrl = "https://gitlab-ci-token:" + environment.get("CI_JOB_TOKEN") + "@gitlab.example.com/team/spam.git";
        environment.put("CI_REPOSITORY_URL", cloneUrl);
        Tools.ok(List.of("git", "remote", "add", "origin", cloneUrl), sample, 30);

        // the credential actually used: settings.xml's server for the registry, encrypted with a master password
        String master = "master-password-sentinel-e3a1";
        elsewhere.put("registry password (settings.xml, encrypted)", LocalRegistry.PASSWORD);
        elsewhere.put("its Basic encoding", Base64.getEncoder().encodeToString(
                (LocalRegistry.USER + ":" + LocalRegistry.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        elsewhere.put("settings-security.xml master password", master);
        elsewhere.put("settings.xml plain password", "settings-plain-password-sentinel-c6d2");
        elsewhere.put("Docker config password", "docker-config-password-sentinel-74e0");
        Path security = work.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>" + encrypted("--encrypt-master-password", master, List.of())
                + "</master></settingsSecurity>");
        String encryptedPassword = encrypted("--encrypt-password", LocalRegistry.PASSWORD,
                List.of("-Dsettings.security=" + security));
        Path settings = Files.writeString(work.resolve("settings.xml"), "<settings><servers>"
                + "<server><id>" + registry.host() + "</id><username>" + LocalRegistry.USER + "</username><password>"
                + encryptedPassword + "</password></server>"
                + "<server><id>registry.example.com</id><username>ci</username><password>"
                + elsewhere.get("settings.xml plain password") + "</password></server></servers></settings>");
        Path docker = Files.createDirectories(work.resolve("docker"));
        Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\""
                + Base64.getEncoder().encodeToString(("ci:" + elsewhere.get("Docker config password"))
                        .getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        environment.put("DOCKER_CONFIG", docker.toString());

        common = List.of("-X", "-s", settings.toString(), "-Dsettings.security=" + security,
                "-Dmlops.store=" + work.resolve("store"), "-Dmlops.endpoints=" + endpoints);
        run("version", "mlops:version");
        run("package", "mlops:package", "-Dmlops.image=" + registry.host() + "/" + REPOSITORY,
                "-Dmlops.image.base=scratch", "-Dmlops.image.allowInsecureRegistries=true");
        run("train", "mlops:train");
        run("evaluate", "mlops:evaluate");
        run("deploy", "mlops:deploy");
        JsonNode endpoint = new ObjectMapper().readTree(endpoints.resolve("spam-classifier/endpoint.json").toFile());
        // read while they run, by the pids the endpoint recorded (never by command line)
        for (String process : List.of("router", "server")) {
            Path environ = Path.of("/proc", endpoint.path(process + "Pid").asText(), "environ");
            childEnvironments.put(process.equals("router") ? "router" : "model server",
                    Files.readString(environ, StandardCharsets.ISO_8859_1).replace('\0', '\n'));
        }
        run("status", "mlops:status");
        run("undeploy", "mlops:undeploy");
    }

    @AfterAll
    void stop() throws Exception {
        // a pipeline that failed half-way may have left the endpoint running: stop the processes it started
        Path state = endpoints == null ? null : endpoints.resolve("spam-classifier/endpoint.json");
        if (state != null && Files.isRegularFile(state)) {
            JsonNode endpoint = new ObjectMapper().readTree(state.toFile());
            for (String process : List.of("server", "router")) {
                long startedAt = endpoint.path(process + "StartedAt").asLong();
                // only the very process that was started, never one that reuses its pid
                ProcessHandle.of(endpoint.path(process + "Pid").asLong())
                        .filter(p -> p.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - startedAt) < 2000).orElse(false))
                        .ifPresent(ProcessHandle::destroy);
            }
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void theWholePipelineRan() {
        Map<String, String> env = DotEnvFile.read(sample.resolve("target/mlops/mlops.env"));
        assertTrue(env.getOrDefault("MLOPS_IMAGE", "").startsWith(registry.host() + "/" + REPOSITORY + ":"), env.toString());
        assertEquals(2, childEnvironments.size(), "router and model server were running after deploy");
    }

    @Test
    @Order(2)
    void noBuildLogHoldsASecretAtDebugLevel() {
        List<String> leaks = new ArrayList<>();
        for (Tools.Result build : builds) {
            List<String> lines = List.of(build.out().split("\n", -1));
            leaks.addAll(BuildLog.leaks(lines, List.copyOf(elsewhere.values())));
            leaks.addAll(BuildLog.leaks(BuildLog.withoutResourcesPluginEnvironmentDump(build.out()),
                    List.copyOf(environmentSecrets().values())));
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    @Order(3)
    void noFileWrittenHoldsASecret() throws IOException {
        List<String> leaks = new ArrayList<>();
        for (Path root : List.of(sample.resolve("target"), work.resolve("store"), endpoints)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    secrets().forEach((name, value) -> {
                        if (text.contains(value)) {
                            leaks.add(work.relativize(file) + " holds the " + name);
                        }
                    });
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    @Order(4)
    void theProcessesThePluginStartsGetNoCredential() {
        List<String> leaks = new ArrayList<>();
        childEnvironments.forEach((process, environ) -> secrets().forEach((name, value) -> {
            if (environ.contains(value)) {
                leaks.add("the environment of the " + process + " process holds the " + name);
            }
        }));
        assertEquals(List.of(), leaks);
    }

    private Map<String, String> secrets() {
        Map<String, String> all = new LinkedHashMap<>(elsewhere);
        all.putAll(environmentSecrets());
        return all;
    }

    // the user name and the Docker config's path are not secrets
    private Map<String, String> environmentSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>(environment);
        secrets.remove("MLOPS_REGISTRY_USER");
        secrets.remove("DOCKER_CONFIG");
        secrets.remove("CI_REPOSITORY_URL"); // its secret part is CI_JOB_TOKEN's value
        return secrets;
    }

    private void run(String name, String... goals) throws IOException {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(goals));
        Tools.Result build = SampleProject.mvn(sample, environment, args);
        Files.writeString(work.resolve(name + "-build.log"), build.out());
        builds.add(build);
        assertEquals(0, build.exit(), name + " failed:\n" + build.out());
    }

    private String encrypted(String option, String value, List<String> extra) {
        List<String> args = new ArrayList<>(extra);
        args.add(option);
        args.add(value);
        String out = SampleProject.mvn(work, Map.of(), args).out();
        Matcher m = ENCRYPTED.matcher(out);
        assertTrue(m.find(), out);
        return m.group();
    }
}
