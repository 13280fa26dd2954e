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

    private final transient Text problem;

    public StoreIntegrityException(String message) {
        this(Text.of(message), Text.of());
    }

    public StoreIntegrityException(Text message) {
        this(message, Text.of());
    }

    /** What is wrong, then how to repair it; a listing that skips the version names only the problem. */
    public StoreIntegrityException(Text problem, Text fix) {
        super(Text.of(problem, fix));
        this.problem = problem;
    }

    /** What is wrong, without the repair advice. */
    public Text problem() {
        return problem;
    }

    /** An alias that names a version the store does not have. */
    static StoreIntegrityException danglingAlias(ModelName model, Alias alias, String store) {
        return new StoreIntegrityException(Text.of(danglingAliasText(model, alias, store)),
                Text.of(" Move the alias to a stored version (", Goal.DEPLOY.with(Setting.VERSION.any("version")), ", or ",
                        Goal.ROLLBACK, "), or restore version " + alias.version() + " into " + store + "models/" + model
                        + "/" + alias.version() + "/."));
    }

    /** What is wrong with a dangling alias, without the advice: for listings, which skip it. */
    public static String danglingAliasText(ModelName model, Alias alias, String store) {
        return "The alias '" + alias.name() + "' of '" + model + "' names version " + alias.version()
                + ", which is not in the store " + store + ".";
    }
}
