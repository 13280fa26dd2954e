package dev.mlops.maven.settings;

import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.TarGz;
import java.util.Optional;

/**
 * {@code mlops:serve}'s settings.
 *
 * @param version the version asked for; by default production, else the newest approved, else the newest
 * @param host the address to listen on
 */
public record ServeSettings(CommonSettings common, Optional<ModelVersion> version, ModelJvm jvm, String host, int port,
        TarGz.Limits archiveLimits) {}
