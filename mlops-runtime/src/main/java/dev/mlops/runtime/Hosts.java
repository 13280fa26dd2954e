package dev.mlops.runtime;

import dev.mlops.runtime.json.Json;
import dev.mlops.runtime.json.JsonParseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosts of a training run, from SageMaker's {@code input/config/resourceconfig.json}
 * ({@code {"current_host":"algo-1","hosts":["algo-1","algo-2"],"network_interface_name":"eth0"}}): which one
 * this process runs on, and all of them in SageMaker's order. A run without the file (the local backend) is the
 * single host {@code algo-1}.
 *
 * @param current the host this process runs on ({@code current_host})
 * @param all every host of the run, in the file's order ({@code hosts}); holds {@code current}
 * @param networkInterface the interface the hosts reach each other on ({@code network_interface_name}), when given
 */
public record Hosts(String current, List<String> all, Optional<String> networkInterface) {

    /** SageMaker's name for the first host, and the one host of a run without {@code resourceconfig.json}. */
    public static final String FIRST_HOST = "algo-1";

    private static final String EXAMPLE =
            "{\"current_host\": \"algo-1\", \"hosts\": [\"algo-1\", \"algo-2\"], \"network_interface_name\": \"eth0\"}";

    /** @throws IllegalArgumentException when {@code all} is empty, repeats a host, or lacks {@code current} */
    public Hosts {
        all = List.copyOf(all);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("a training run has at least one host; the list of hosts is empty");
        }
        if (new HashSet<>(all).size() != all.size()) {
            throw new IllegalArgumentException("the hosts " + all + " name a host twice");
        }
        if (!all.contains(current)) {
            throw new IllegalArgumentException("the current host '" + current + "' is not one of the hosts " + all);
        }
        networkInterface = networkInterface.filter(name -> !name.isBlank());
    }

    /** One host, {@code algo-1}: a local run, or a SageMaker job on one instance. */
    public static Hosts single() {
        return new Hosts(FIRST_HOST, List.of(FIRST_HOST), Optional.empty());
    }

    /** {@code hosts} with this process on {@code current}, for a model's unit tests of distributed training. */
    public static Hosts of(String current, List<String> hosts) {
        return new Hosts(current, hosts, Optional.empty());
    }

    /** The first host: by convention the one that writes the model and coordinates the others. */
    public String leader() {
        return all.get(0);
    }

    /** Whether this process runs on {@link #leader()}. */
    public boolean isLeader() {
        return current.equals(leader());
    }

    /** How many hosts the run has (SageMaker's instance count). */
    public int count() {
        return all.size();
    }

    /**
     * Reads {@code resourceconfig.json}; an absent file is {@link #single()}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong when it is not SageMaker's format
     */
    static Hosts read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return single();
        }
        Object parsed;
        try {
            parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw malformed(file, "is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            throw malformed(file, "must hold one JSON object", null);
        }
        Object current = object.get("current_host");
        if (!(current instanceof String currentHost) || currentHost.isBlank()) {
            throw malformed(file, "has no \"current_host\" string", null);
        }
        if (!(object.get("hosts") instanceof List<?> hosts) || hosts.isEmpty()
                || !hosts.stream().allMatch(h -> h instanceof String s && !s.isBlank())) {
            throw malformed(file, "has no \"hosts\" list of host names", null);
        }
        Object network = object.get("network_interface_name");
        if (network != null && !(network instanceof String)) {
            throw malformed(file, "has a \"network_interface_name\" that is not a string", null);
        }
        List<String> names = hosts.stream().map(String.class::cast).toList();
        try {
            return new Hosts(currentHost, names, Optional.ofNullable((String) network));
        } catch (IllegalArgumentException e) {
            throw malformed(file, "is inconsistent: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException malformed(Path file, String problem, Exception cause) {
        return new IllegalArgumentException(file + " " + problem + "; SageMaker writes it as " + EXAMPLE, cause);
    }
}
