package dev.mlops.maven;

import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Text;
import org.apache.maven.plugin.logging.Log;

/** Shows the core's events in Maven's log; a process's own output is indented under a marker. */
final class MavenEvents implements MlopsEvents {

    private final Log log;
    private final String processMarker;

    MavenEvents(Log log, String processMarker) {
        this.log = log;
        this.processMarker = processMarker;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void info(Text message) {
        log.info(Advice.of(message));
    }

    @Override
    public void warn(Text message) {
        log.warn(Advice.of(message));
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }

    @Override
    public void processOutput(String line) {
        log.info(processMarker + line);
    }
}
