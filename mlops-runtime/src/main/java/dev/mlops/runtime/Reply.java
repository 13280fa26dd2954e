package dev.mlops.runtime;

import dev.mlops.runtime.json.Json;

/** An HTTP answer: status, media type and body. */
record Reply(int status, String contentType, String body, boolean closeConnection) {

    static Reply ok(String contentType, String body) {
        return new Reply(200, contentType, body, false);
    }

    static Reply json(int status, Object value) {
        return new Reply(status, "application/json", Json.write(value), false);
    }

    /** Errors are plain text: SageMaker puts the body verbatim into the caller's error message. */
    static Reply text(int status, String message) {
        return new Reply(status, "text/plain; charset=utf-8", message + "\n", false);
    }

    Reply closingConnection() {
        return new Reply(status, contentType, body, true);
    }
}
