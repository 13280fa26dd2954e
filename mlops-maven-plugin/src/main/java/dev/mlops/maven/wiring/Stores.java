package dev.mlops.maven.wiring;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.io.NearestName;
import dev.mlops.core.store.FileModelStore;
import dev.mlops.core.store.ModelStore;
import dev.mlops.maven.MlopsProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place where the scheme of {@code mlops.store} picks the store. A plain path is a directory;
 * adding a scheme is one {@link StoreOpener} and one line in {@link #OPENERS}.
 */
public final class Stores {

    /** Every scheme, lower case, to its opener: register a new one here. */
    private static final Map<String, StoreOpener> OPENERS = Map.of(
            "file", new FileStoreOpener(),
            "s3", new S3StoreOpener());

    private Stores() {}

    /** The schemes this build knows, sorted. */
    public static List<String> schemes() {
        return List.copyOf(new TreeMap<>(OPENERS).keySet());
    }

    /**
     * @param location a URI with a known scheme, or a plain path (relative ones resolve against the project)
     * @throws ConfigurationException when it is blank, not a URI, or of a scheme no opener knows
     */
    public static ModelStore open(String location, StoreContext context) {
        if (location == null || location.isBlank()) {
            throw new ConfigurationException("No store is configured: set <store> in the plugin configuration or"
                    + " pass -D" + MlopsProperties.STORE + "=file:/path/to/store.");
        }
        String trimmed = location.trim();
        int colon = trimmed.indexOf(':');
        // "C:\..." is a Windows path, not a URI scheme
        boolean hasScheme = colon > 1 && trimmed.substring(0, colon).matches("[a-zA-Z][a-zA-Z0-9+.-]*");
        if (!hasScheme) {
            return new FileModelStore(context.baseDir().resolve(trimmed).normalize(), context.clock());
        }
        String scheme = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        StoreOpener opener = OPENERS.get(scheme);
        if (opener == null) {
            throw new ConfigurationException("Unknown store location '" + trimmed + "': the scheme '" + scheme
                    + "' is not one this build knows (" + String.join(", ", schemes()) + ")."
                    + NearestName.hint(scheme, schemes()) + " Use file:/path/to/store, a plain directory path or s3://<bucket>/<prefix> in"
                    + " <store> or -D" + MlopsProperties.STORE + ".");
        }
        try {
            return opener.open(new URI(trimmed), context);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("Store location '" + trimmed + "' is not a valid URI (" + e.getReason()
                    + "); write it as " + scheme + ":" + (scheme.equals("file") ? "/absolute/path" : "//…") + ".", e);
        }
    }
}
