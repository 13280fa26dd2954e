package dev.mlops.core.image;

import java.util.ArrayList;
import java.util.List;

/** Where things go in the image, and the command that SageMaker's {@code docker run <image> train|serve} runs. */
public final class ImageLayout {

    public static final String LIBS = "/app/libs";
    public static final String SNAPSHOT_LIBS = "/app/snapshot-libs";
    public static final String RESOURCES = "/app/resources";
    public static final String CLASSES = "/app/classes";
    public static final String MAIN_CLASS = "dev.mlops.runtime.Main";
    public static final String CLASSPATH = RESOURCES + ":" + CLASSES + ":" + LIBS + "/*:" + SNAPSHOT_LIBS + "/*";

    private ImageLayout() {}

    /** {@code java <jvmFlags> -cp … dev.mlops.runtime.Main}; SageMaker appends {@code train} or {@code serve}. */
    public static List<String> entrypoint(List<String> jvmFlags) {
        List<String> command = new ArrayList<>();
        command.add("java");
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(CLASSPATH);
        command.add(MAIN_CLASS);
        return command;
    }
}
