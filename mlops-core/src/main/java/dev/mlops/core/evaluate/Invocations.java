package dev.mlops.core.evaluate;

import java.util.Optional;

/**
 * One {@code /invocations} request to a model server, as far as finding the record it refuses needs:
 * empty when the server accepts the body, else its reason (a 4xx answer's text).
 */
@FunctionalInterface
public interface Invocations {

    Optional<String> refusal(String contentType, String body);

    /** Whether an answer says the request holds a record the model cannot use: the runtime's 400, others' 422. */
    static boolean refusesRecords(int status) {
        return status == 400 || status == 422;
    }
}
