package dev.mlops.maven.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code docker-registry} on a free 127.0.0.1 port, storing into a directory of its own,
 * optionally behind htpasswd Basic auth. Stopped by {@link #close()}: no stray process.
 */
final class LocalRegistry implements AutoCloseable {

    static final String USER = "mlops";
    // the test fixture's password (src/test/resources/registry/htpasswd holds its bcrypt hash)
    static final String PASSWORD = "s3cret-registry-pass";

    private final Process process;
    private final int port;
    private final Path storage;
    private final Path log;

    private LocalRegistry(Process process, int port, Path storage, Path log) {
        this.process = process;
        this.port = port;
        this.storage = storage;
        this.log = log;
    }

    static LocalRegistry start(Path dir, Optional<Path> htpasswd) throws IOException, InterruptedException {
        Tools.require("docker-registry", "docker-registry");
        int port = freePort();
        Path storage = Files.createDirectories(dir.resolve("storage"));
        String auth = htpasswd.map(file -> "auth:\n  htpasswd:\n    realm: mlops-test\n    path: " + file + "\n").orElse("");
        // Jib sends credentials only over HTTPS: with auth, serve TLS with a self-signed certificate
        String tls = "";
        if (htpasswd.isPresent()) {
            Tools.require("openssl", "openssl");
            Tools.ok(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out",
                    "cert.pem", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"), dir, 60);
            tls = "  tls:\n    certificate: " + dir.resolve("cert.pem") + "\n    key: " + dir.resolve("key.pem") + "\n";
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: info\nstorage:\n  filesystem:\n    rootdirectory: " + storage
                + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n" + tls + auth);
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, port, storage, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("docker-registry exited:\n" + Files.readString(log));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return registry;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        registry.close();
        throw new AssertionError("docker-registry did not listen on " + port + " in 30 s:\n" + Files.readString(log));
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Bytes of blob data stored (layers, configs, manifests). */
    long blobBytes() throws IOException {
        return blobs().mapToLong(p -> p.toFile().length()).sum();
    }

    /** How many blobs are stored. */
    long blobCount() throws IOException {
        return blobs().count();
    }

    private Stream<Path> blobs() throws IOException {
        Path root = storage.resolve("docker/registry/v2/blobs");
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().equals("data")).toList().stream();
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
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
