package dev.mlops.runtime;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link TrainingContext} of a run over an {@link OptMl} tree, or over directories given directly.
 *
 * @param dataDir the directory the channels are under, when they are ({@code input/data}), for messages
 */
record DirectoryTrainingContext(Hyperparameters hyperparameters, Map<String, Path> channels, Optional<Path> dataDir,
                                Path modelDir, Path outputDir, Hosts hosts) implements TrainingContext {

    DirectoryTrainingContext {
        channels = Collections.unmodifiableMap(new TreeMap<>(channels));
    }

    @Override
    public Path channel(String name) {
        Path dir = channels.get(name);
        if (dir != null) {
            return dir;
        }
        throw new IllegalArgumentException("no input channel '" + name + "': "
                + (channels.isEmpty() ? "there are no channels" : "the channels are " + String.join(", ", channels.keySet()))
                + dataDir.map(under -> " (directories under " + under + ")").orElse("")
                + "; give the training job a channel named '" + name + "'");
    }
}
