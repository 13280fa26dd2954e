package dev.mlops.core;

import java.util.List;
import java.util.Locale;

/**
 * A step the user can run, named in messages as data ("run {@code TRAIN} first"); the adapter spells it
 * (the Maven plugin: {@code mvn mlops:train}).
 */
public enum Goal implements Text.Part {
    VERSION, PACKAGE, TRAIN, EVALUATE, DEPLOY, ROLLBACK, UNDEPLOY, SERVE, STATUS;

    /** The goal's name: {@code train}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This goal, run with these settings, e.g. {@code DEPLOY.with(Setting.VERSION.any("version"))}. */
    public Run with(Setting.Value... values) {
        return new Run(this, List.of(values));
    }

    Run run() {
        return new Run(this, List.of());
    }

    /** A goal and the settings to run it with. */
    public record Run(Goal goal, List<Setting.Value> with) implements Text.Part {
        public Run {
            with = List.copyOf(with);
        }
    }
}
