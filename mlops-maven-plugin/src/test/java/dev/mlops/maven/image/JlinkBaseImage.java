package dev.mlops.maven.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A base image with a Java runtime, built offline: a {@code jlink} runtime in {@code /opt/java} plus the
 * shared libraries {@code ldd} lists, as one layer from scratch, pushed with jib-core.
 * {@code main(registryHost, repository, workDir[, user, password])} prints the digest reference, for bench/.
 */
public final class JlinkBaseImage {

    /** What the runtime and the sample (Tribuo: java.desktop, java.sql, java.management…; jdeps) need. */
    static final String MODULES = "java.base,java.logging,java.net.http,jdk.httpserver,jdk.crypto.ec,java.desktop,"
            + "java.sql,java.xml,java.management,jdk.unsupported";
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+)\\s+\\(0x");

    private JlinkBaseImage() {}

    /** Builds and pushes it; returns {@code host/repository@sha256:…}. */
    static String push(String host, String repository, Path workDir, String user, String password) throws Exception {
        Tools.require("jlink", "openjdk-17-jdk-headless");
        Tools.require("ldd", "libc-bin");
        Files.createDirectories(workDir);
        Path root = workDir.resolve("rootfs");
        if (!Files.isDirectory(root.resolve("opt/java"))) {
            Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
            Tools.ok(List.of(jlink.toString(), "--add-modules", MODULES, "--strip-debug", "--no-header-files",
                    "--no-man-pages", "--compress=2", "--output", root.resolve("opt/java").toString()), workDir, 300);
        }
        Set<String> libraries = new TreeSet<>(List.of("/lib64/ld-linux-x86-64.so.2"));
        try (Stream<Path> files = Files.walk(root.resolve("opt/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".so") || p.endsWith("bin/java")).toList()) {
                Matcher m = LIBRARY.matcher(Tools.run(List.of("ldd", file.toString()), workDir, Map.of(), 30).out());
                while (m.find()) {
                    libraries.add(m.group(1));
                }
            }
        }
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("jre");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                layer.addEntry(file, AbsoluteUnixPath.get("/" + root.relativize(file)),
                        FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(file)));
            }
        }
        for (String library : libraries) {
            Path real = Path.of(library).toRealPath(); // the link's target, under the link's name
            layer.addEntry(real, AbsoluteUnixPath.get(library), FilePermissions.fromOctalString("755"));
        }
        // the JVM needs a writable /tmp, and chroot needs /proc to mount on
        Path empty = Files.createDirectories(workDir.resolve("empty"));
        RegistryImage target = RegistryImage.named(host + "/" + repository + ":17");
        if (user != null) {
            target.addCredential(user, password);
        }
        JibContainer container = Jib.fromScratch()
                .addFileEntriesLayer(layer.build())
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("dirs")
                        .addEntry(empty, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"))
                        .addEntry(empty, AbsoluteUnixPath.get("/proc"), FilePermissions.fromOctalString("555"))
                        .build())
                .setEnvironment(Map.of("PATH", "/opt/java/bin:/usr/bin:/bin", "JAVA_HOME", "/opt/java"))
                .containerize(Containerizer.to(target).setAllowInsecureRegistries(true));
        return host + "/" + repository + "@" + container.getDigest();
    }

    public static void main(String[] args) throws Exception {
        System.out.println(push(args[0], args[1], Path.of(args[2]), args.length > 3 ? args[3] : null,
                args.length > 4 ? args[4] : null));
    }

}
