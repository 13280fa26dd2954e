package dev.mlops.runtime;

import dev.mlops.testmodels.KeywordModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelLocatorTest {

    @TempDir
    Path temp;

    /** Not a model at all. */
    public static class NotAModel {}

    /** A model without a public no-argument constructor. */
    public static class NeedsArguments extends KeywordModel {
        public NeedsArguments(String unused) {}
    }

    /** A second model, so that the service loader finds two. */
    public static class OtherModel extends KeywordModel {}

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        Properties properties = new Properties();
        assertEquals(Optional.of("a.B"), ModelLocator.configuredClassName(properties, Map.of("MLOPS_MODEL_CLASS", " a.B ")));
        properties.setProperty("mlops.model.class", "c.D");
        assertEquals(Optional.of("c.D"), ModelLocator.configuredClassName(properties, Map.of("MLOPS_MODEL_CLASS", "a.B")));
        assertEquals(Optional.empty(), ModelLocator.configuredClassName(new Properties(), Map.of("MLOPS_MODEL_CLASS", " ")));
    }

    @Test
    void instantiatesTheNamedClass() {
        assertInstanceOf(KeywordModel.class, ModelLocator.locate(Optional.of(KeywordModel.class.getName()), loader()));
    }

    @Test
    void namedClassesThatCannotBeUsedSayWhy() {
        assertTrue(message(Optional.of(NotAModel.class.getName()), loader()).contains("does not implement dev.mlops.runtime.Model"));
        assertTrue(message(Optional.of(NeedsArguments.class.getName()), loader()).endsWith("needs a public no-argument constructor"));
        assertTrue(message(Optional.of("x.Missing"), loader()).contains("'x.Missing' (from MLOPS_MODEL_CLASS"));
    }

    @Test
    void theServiceLoaderMustFindExactlyOne() throws Exception {
        assertTrue(message(Optional.empty(), loader()).startsWith("no implementation of dev.mlops.runtime.Model found"));

        assertInstanceOf(OtherModel.class, ModelLocator.locate(Optional.empty(), withServices(OtherModel.class.getName())));

        String several = message(Optional.empty(), withServices(OtherModel.class.getName(), KeywordModel.class.getName()));
        assertEquals("found 2 implementations of dev.mlops.runtime.Model: " + OtherModel.class.getName() + ", "
                + KeywordModel.class.getName() + "; set MLOPS_MODEL_CLASS to the one to use", several);
    }

    private ClassLoader loader() {
        return getClass().getClassLoader();
    }

    private ClassLoader withServices(String... classNames) throws Exception {
        Path services = Files.createDirectories(temp.resolve("cp" + classNames.length + "/META-INF/services"));
        Files.write(services.resolve(Model.class.getName()), java.util.List.of(classNames));
        return new URLClassLoader(new URL[] {services.getParent().getParent().toUri().toURL()}, loader());
    }

    private static String message(Optional<String> className, ClassLoader loader) {
        return assertThrows(IllegalStateException.class, () -> ModelLocator.locate(className, loader)).getMessage();
    }
}
