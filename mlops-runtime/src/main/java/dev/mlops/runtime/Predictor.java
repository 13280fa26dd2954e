package dev.mlops.runtime;

import java.util.List;

/** A loaded model. Called concurrently from several request threads, so it must be thread-safe. */
public interface Predictor extends AutoCloseable {

    /**
     * Predicts one result per record, in the order of {@code records}.
     *
     * @throws IllegalArgumentException when a record cannot be used (missing field, bad value);
     *     the message is returned to the caller with HTTP status 400
     */
    List<Prediction> predict(List<Record> records) throws Exception;

    /** Releases what the predictor holds (native memory, files, threads); the server calls it once, after draining. */
    @Override
    default void close() throws Exception {}
}
