package dev.mlops.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostsTest {

    @TempDir
    Path temp;

    /** Remembers the hosts it was trained with, and writes a model file so that the run succeeds. */
    private static final class HostsRecordingModel implements Model {
        final AtomicReference<Hosts> seen = new AtomicReference<>();

        @Override
        public void train(TrainingContext context) throws Exception {
            seen.set(context.hosts());
            Files.writeString(context.modelDir().resolve("host.txt"), context.hosts().current());
        }

        @Override
        public Predictor load(Path modelDir) {
            throw new UnsupportedOperationException("only training is exercised here");
        }
    }

    private OptMl treeWithResourceConfig(String json) throws Exception {
        OptMl tree = OptMlFixture.withLinkedTrainChannel(temp, null);
        if (json != null) {
            Files.createDirectories(tree.resourceConfigFile().getParent());
            Files.writeString(tree.resourceConfigFile(), json, StandardCharsets.UTF_8);
        }
        return tree;
    }

    @Test
    void withoutResourceConfigTheRunIsTheSingleHostAlgo1() throws Exception {
        OptMl tree = treeWithResourceConfig(null);
        HostsRecordingModel model = new HostsRecordingModel();

        assertTrue(Training.run(tree.root(), model).succeeded());

        Hosts hosts = model.seen.get();
        assertEquals("algo-1", hosts.current());
        assertEquals(List.of("algo-1"), hosts.all());
        assertTrue(hosts.isLeader());
        assertEquals(1, hosts.count());
        assertEquals(Optional.empty(), hosts.networkInterface());
    }

    @Test
    void theSecondOfTwoSageMakerHostsKnowsItsPeersAndIsNotTheLeader() throws Exception {
        OptMl tree = treeWithResourceConfig(
                "{\"current_host\":\"algo-2\",\"hosts\":[\"algo-1\",\"algo-2\"],\"network_interface_name\":\"eth0\"}");
        HostsRecordingModel model = new HostsRecordingModel();

        assertTrue(Training.run(tree.root(), model).succeeded());

        Hosts hosts = model.seen.get();
        assertEquals("algo-2", hosts.current());
        assertEquals(List.of("algo-1", "algo-2"), hosts.all());
        assertEquals("algo-1", hosts.leader());
        assertFalse(hosts.isLeader());
        assertEquals(2, hosts.count());
        assertEquals(Optional.of("eth0"), hosts.networkInterface());
    }

    @Test
    void theFirstHostInSageMakersOrderIsTheLeaderWhateverItsName() throws Exception {
        // SageMaker lists hosts in its order; the leader is the first listed, not the smallest name
        OptMl tree = treeWithResourceConfig("{\"current_host\":\"algo-3\",\"hosts\":[\"algo-3\",\"algo-1\",\"algo-2\"]}");
        HostsRecordingModel model = new HostsRecordingModel();

        assertTrue(Training.run(tree.root(), model).succeeded());

        assertTrue(model.seen.get().isLeader());
        assertEquals(Optional.empty(), model.seen.get().networkInterface());
    }

    @Test
    void resourceConfigThatIsNotJsonFailsTheTrainingNamingTheFile() throws Exception {
        OptMl tree = treeWithResourceConfig("{\"current_host\": \"algo-1\",");
        HostsRecordingModel model = new HostsRecordingModel();

        TrainingResult result = Training.run(tree.root(), model);

        assertFalse(result.succeeded());
        assertNull(model.seen.get(), "the model must not train on hosts it cannot know");
        String first = OptMlFixture.firstLine(tree.failureFile());
        assertTrue(first.startsWith(tree.resourceConfigFile() + " is not valid JSON: "), first);
        assertTrue(first.contains("SageMaker writes it as {\"current_host\": \"algo-1\""), first);
    }

    @Test
    void aCurrentHostThatIsNotAmongTheHostsIsATrainingFailure() throws Exception {
        OptMl tree = treeWithResourceConfig("{\"current_host\":\"algo-9\",\"hosts\":[\"algo-1\",\"algo-2\"]}");
        HostsRecordingModel model = new HostsRecordingModel();

        assertFalse(Training.run(tree.root(), model).succeeded());

        assertNull(model.seen.get());
        assertTrue(OptMlFixture.firstLine(tree.failureFile()).startsWith(tree.resourceConfigFile()
                + " is inconsistent: the current host 'algo-9' is not one of the hosts [algo-1, algo-2]"));
    }

    @Test
    void eachMissingOrMistypedMemberIsNamed() throws Exception {
        Map<String, String> cases = Map.of(
                "[\"algo-1\"]", "must hold one JSON object",
                "{\"hosts\":[\"algo-1\"]}", "has no \"current_host\" string",
                "{\"current_host\":\"algo-1\"}", "has no \"hosts\" list of host names",
                "{\"current_host\":\"algo-1\",\"hosts\":[]}", "has no \"hosts\" list of host names",
                "{\"current_host\":\"algo-1\",\"hosts\":[\"algo-1\",2]}", "has no \"hosts\" list of host names",
                "{\"current_host\":\"algo-1\",\"hosts\":[\"algo-1\",\"algo-1\"]}", "is inconsistent: the hosts [algo-1, algo-1] name a host twice",
                "{\"current_host\":\"algo-1\",\"hosts\":[\"algo-1\"],\"network_interface_name\":7}",
                "has a \"network_interface_name\" that is not a string");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path file = Files.writeString(temp.resolve("resourceconfig.json"), c.getKey());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hosts.read(file), c.getKey());
            assertTrue(e.getMessage().startsWith(file + " " + c.getValue() + "; SageMaker writes it as "),
                    c.getKey() + " -> " + e.getMessage());
        }
    }

    @Test
    void aContextForUnitTestsIsOneHostUnlessGivenHosts() {
        Path dir = temp.resolve("unused");
        assertEquals(Hosts.single(), TrainingContext.of(Map.of(), Map.of(), dir, dir).hosts());

        Hosts second = Hosts.of("algo-2", List.of("algo-1", "algo-2"));
        assertEquals(second, TrainingContext.of(Map.of(), Map.of(), dir, dir, second).hosts());
        assertThrows(IllegalArgumentException.class, () -> Hosts.of("algo-3", List.of("algo-1", "algo-2")));
    }
}
