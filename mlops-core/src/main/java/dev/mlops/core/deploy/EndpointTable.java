package dev.mlops.core.deploy;

import dev.mlops.core.io.TextTable;
import java.util.ArrayList;
import java.util.List;

/** The endpoints part of {@code mlops:status}: which version each endpoint serves, and whether it answers. */
public final class EndpointTable {

    private EndpointTable() {}

    public static List<String> render(List<Endpoint> endpoints) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ENDPOINT", "BACKEND", "VERSION", "HEALTH", "URL"));
        for (Endpoint endpoint : endpoints) {
            rows.add(List.of(endpoint.name(), endpoint.backend(), endpoint.version(),
                    endpoint.healthy() ? "up" : "DOWN", endpoint.url().toString()));
        }
        return TextTable.render(rows);
    }
}
