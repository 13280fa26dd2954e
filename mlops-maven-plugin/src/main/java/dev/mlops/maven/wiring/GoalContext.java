package dev.mlops.maven.wiring;

import dev.mlops.core.MlopsEvents;
import dev.mlops.core.store.ModelStore;
import java.time.Clock;

/** What a goal hands every backend it makes besides its settings: the store it opened, the clock, its log. */
public record GoalContext(ModelStore store, Clock clock, MlopsEvents events) {}
