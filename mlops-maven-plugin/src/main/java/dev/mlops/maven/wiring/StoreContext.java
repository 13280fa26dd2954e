package dev.mlops.maven.wiring;

import dev.mlops.aws.AwsClients;
import dev.mlops.core.MlopsEvents;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What opening a store may need besides its location.
 *
 * @param baseDir the project directory, against which relative paths resolve
 * @param aws the region and endpoint overrides of the goal ({@code mlops.aws.*})
 */
public record StoreContext(Path baseDir, AwsClients.Settings aws, Clock clock, MlopsEvents events) {}
