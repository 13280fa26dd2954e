package dev.mlops.core.store;

import dev.mlops.core.ConfigurationException;
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

    /** An alias that names a version the store does not have. */
    static StoreIntegrityException danglingAlias(ModelName model, Alias alias, String store) {
        return new StoreIntegrityException(danglingAliasText(model, alias, store));
    }

    public static String danglingAliasText(ModelName model, Alias alias, String store) {
        return "The alias '" + alias.name() + "' of '" + model + "' names version " + alias.version()
                + ", which is not in the store " + store + ". Move the alias to a stored version (mvn mlops:deploy"
                + " -Dmlops.version=<version>, or mvn mlops:rollback), or restore version " + alias.version()
                + " into " + store + "models/" + model + "/" + alias.version() + "/.";
    }
}
