package dev.mlops.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelJvmArgsTest {

    @Test
    void flagsAreSplitOnAnyRunOfWhitespace() {
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC", "-Dx=a"), ModelJvm.splitArgs("  -Xmx1g \t -XX:+UseG1GC\n-Dx=a "));
    }

    @Test
    void noFlagsWhenNullOrBlank() {
        assertEquals(List.of(), ModelJvm.splitArgs(null));
        assertEquals(List.of(), ModelJvm.splitArgs(" \t"));
    }
}
