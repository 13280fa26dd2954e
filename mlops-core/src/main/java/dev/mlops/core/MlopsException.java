package dev.mlops.core;

/**
 * The root of every error the core raises. Its subclasses tell an adapter how to report it: a
 * {@link ConfigurationException} is the user's to fix, an {@link InfrastructureException} is a fault
 * of something the core talked to. The message is a {@link Text}: the settings and goals it names are
 * data, which the adapter spells in its own words; {@link #getMessage()} is the neutral spelling.
 */
public abstract class MlopsException extends RuntimeException {

    private final transient Text text;

    protected MlopsException(String message, Throwable cause) {
        this(Text.of(message), cause);
    }

    protected MlopsException(Text text, Throwable cause) {
        super(text.toString(), cause);
        this.text = text;
    }

    /** The message, with its references to settings and goals as data. */
    public Text text() {
        return text;
    }
}
