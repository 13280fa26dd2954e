package dev.mlops.core.store;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;

/** A version that is already stored was written again; versions are immutable. */
public class VersionExistsException extends ConfigurationException {

    public VersionExistsException(ModelName model, ModelVersion version, String store) {
        super(Text.of("Version " + version + " of model '" + model + "' already exists in the store " + store
                + "; stored versions are never overwritten. Choose another version with ", Setting.VERSION.any("version"),
                "."));
    }
}
