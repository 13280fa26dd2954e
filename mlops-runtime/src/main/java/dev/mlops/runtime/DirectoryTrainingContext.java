package dev.mlops.runtime;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The {@link TrainingContext} of a run over an {@link OptMl} tree. */
record DirectoryTrainingContext(Hyperparameters hyperparameters, Map<String, Path> channels, Path dataDir,
                                Path modelDir, Path outputDir) implements TrainingContext {

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
                + " (directories under " + dataDir + "); give the training job a channel named '" + name + "'");
    }
}
