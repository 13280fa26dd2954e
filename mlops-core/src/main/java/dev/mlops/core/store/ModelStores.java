package dev.mlops.core.store;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Opens the store a {@code mlops.store} location names. */
public final class ModelStores {

    private ModelStores() {}

    /**
     * @param location a {@code file:} URI or a plain path (relative ones resolve against {@code baseDir})
     */
    public static ModelStore open(String location, Path baseDir) {
        if (location == null || location.isBlank()) {
            throw new ConfigurationException(Text.of("No store is configured: set ",
                    Setting.STORE.is("file:/path/to/store"), "."));
        }
        String trimmed = location.trim();
        int colon = trimmed.indexOf(':');
        // "C:\..." is a Windows path, not a URI scheme
        boolean hasScheme = colon > 1 && trimmed.substring(0, colon).matches("[a-zA-Z][a-zA-Z0-9+.-]*");
        if (!hasScheme) {
            return new FileModelStore(baseDir.resolve(trimmed).normalize());
        }
        String scheme = trimmed.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("file")) {
            return new FileModelStore(fileUriPath(trimmed));
        }
        throw new ConfigurationException(Text.of("Unknown store location '" + trimmed + "': the scheme '" + scheme
                + "' is not one this build knows. Use file:/path/to/store or a plain directory path in ", Setting.STORE,
                "."));
    }

    private static Path fileUriPath(String location) {
        try {
            URI uri = new URI(location);
            if (uri.getPath() == null) {
                throw new ConfigurationException("Store location '" + location + "' has no path; write it as"
                        + " file:/absolute/path or file:///absolute/path.");
            }
            return Path.of(uri.getPath()).normalize();
        } catch (URISyntaxException e) {
            throw new ConfigurationException("Store location '" + location + "' is not a valid URI ("
                    + e.getReason() + "); write it as file:/absolute/path.", e);
        }
    }
}
