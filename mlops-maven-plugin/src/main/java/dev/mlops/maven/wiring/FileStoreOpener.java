package dev.mlops.maven.wiring;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.store.FileModelStore;
import dev.mlops.core.store.ModelStore;
import java.net.URI;
import java.nio.file.Path;

/** {@code file:/path} and {@code file:///path}: core's store in a local directory. */
final class FileStoreOpener implements StoreOpener {

    @Override
    public ModelStore open(URI location, StoreContext context) {
        if (location.getPath() == null || location.getPath().isEmpty()) {
            throw new ConfigurationException("Store location '" + location + "' has no path; write it as"
                    + " file:/absolute/path or file:///absolute/path.");
        }
        return new FileModelStore(Path.of(location.getPath()).normalize(), context.clock());
    }
}
