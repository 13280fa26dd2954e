package dev.mlops.maven.wiring;

import dev.mlops.core.store.ModelStore;
import java.net.URI;

/** Opens the stores of one URI scheme ({@code file}, later {@code s3}). Register a new one in {@link Stores#OPENERS}. */
@FunctionalInterface
public interface StoreOpener {

    /**
     * @param location the {@code mlops.store} value, parsed, with this opener's scheme
     * @throws dev.mlops.core.ConfigurationException when the location is not one of this scheme's
     */
    ModelStore open(URI location, StoreContext context);
}
