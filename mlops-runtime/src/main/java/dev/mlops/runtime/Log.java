package dev.mlops.runtime;

import java.io.PrintStream;

/** Log lines of the runtime: prefixed so that they stand out among the model's own output. */
final class Log {

    static final String PREFIX = "[mlops-runtime] ";

    private Log() {}

    static void info(String message) {
        System.out.println(PREFIX + message);
    }

    static void error(String message) {
        System.err.println(PREFIX + message);
    }

    static void error(String message, Throwable failure) {
        PrintStream err = System.err;
        // one lock so that the message and its stack trace are not interleaved with another thread's
        synchronized (err) {
            err.println(PREFIX + message);
            failure.printStackTrace(err);
        }
    }
}
