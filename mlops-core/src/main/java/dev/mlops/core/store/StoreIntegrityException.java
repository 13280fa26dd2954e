package dev.mlops.core.store;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.domain.ModelName;

/**
 * What the store holds contradicts itself: an unreadable or incomplete manifest, an archive whose
 * SHA-256 is not the one recorded, an alias naming a version that is not stored. The message names
 * the file or value and how to repair the store; nothing was run or changed.
 */
public class StoreIntegrityException extends ConfigurationException {

    public StoreIntegrityException(String message) {
        super(message);
    }

    public StoreIntegrityException(Text message) {
        super(message);
    }

    /** An alias that names a version the store does not have. */
    static StoreIntegrityException danglingAlias(ModelName model, Alias alias, String store) {
        return new StoreIntegrityException(danglingAliasText(model, alias, store));
    }

    static Text danglingAliasText(ModelName model, Alias alias, String store) {
        return Text.of("The alias '" + alias.name() + "' of '" + model + "' names version " + alias.version()
                + ", which is not in the store " + store + ". Move the alias to a stored version (",
                Goal.DEPLOY.with(Setting.VERSION.any("version")), ", or ", Goal.ROLLBACK, "), or restore version "
                + alias.version() + " into " + store + "models/" + model + "/" + alias.version() + "/.");
    }
}
