package dev.mlops.runtime;

/** A request body that cannot be read as its Content-Type says; answered with 400. */
final class MalformedPayloadException extends Exception {

    MalformedPayloadException(String message) {
        super(message);
    }
}
