package dev.mlops.aws.testing;

import dev.mlops.aws.AwsClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: s3proxy 4.1.0 as its own process on a free 127.0.0.1 port, storing in a
 * directory of its own with the {@code filesystem-nio2} provider (the one that honours {@code If-None-Match}
 * and {@code If-Match}), checking AWS v4 signatures. Stopped by {@link #close()} through its handle.
 * The jar is copied by the build into {@code target/s3proxy/} (system property {@code s3proxy.jar}).
 */
public final class S3Proxy implements AutoCloseable {

    public static final String ACCESS_KEY = "mlops-test-access";
    // the test server's own secret: any value works, and SecretsIT-style checks can look for it in logs
    public static final String SECRET_KEY = "mlops-test-secret-9f3a";
    public static final Region REGION = Region.US_EAST_1;

    private final Process process;
    private final int port;
    private final Path log;

    private S3Proxy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a server storing under {@code dir}; buckets are directories of {@code dir/data}. */
    public static S3Proxy start(Path dir) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy is not at " + jar.toAbsolutePath()
                    + ": the build copies it there (maven-dependency-plugin in mlops-aws/pom.xml); run the tests with Maven");
        }
        int port = freePort();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY,
                "jclouds.filesystem.basedir=" + data, ""));
        Path log = dir.resolve("s3proxy.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", jar.toString(), "--properties",
                properties.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3Proxy proxy = new S3Proxy(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited:\n" + Files.readString(log));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return proxy;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        proxy.close();
        throw new IllegalStateException("s3proxy did not listen on " + port + " in 60 s:\n" + Files.readString(log));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Client settings that reach this server (path-style, its region). */
    public AwsClients.Settings clientSettings() {
        return new AwsClients.Settings(Optional.of(REGION), Map.of(AwsClients.Service.S3, endpoint()));
    }

    /** Clients signed with this server's credentials. */
    public AwsClients clients() {
        return new AwsClients(clientSettings(), StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    /** A new S3 client for this server; the caller closes it. */
    public S3Client client() {
        return clients().s3();
    }

    /** Creates a bucket and returns its name. */
    public String createBucket(String name) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    /** The environment a child process (a Maven build) needs to sign requests to this server. */
    public Map<String, String> credentialsEnvironment() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", REGION.id());
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
