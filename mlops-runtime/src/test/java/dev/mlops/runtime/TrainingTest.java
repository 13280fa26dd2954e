package dev.mlops.runtime;

import dev.mlops.testmodels.KeywordModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {

    @TempDir
    Path temp;

    @Test
    void trainsFromALinkedChannelAndWritesTheModel() throws Exception {
        OptMl tree = OptMlFixture.withLinkedTrainChannel(temp, "{\"min_count\": 1}");

        TrainingResult result = Training.run(tree.root(), new KeywordModel());

        assertTrue(result.succeeded(), () -> result.failureMessage().orElse(""));
        assertEquals(java.util.List.of(tree.modelDir().resolve("keywords.tsv")), result.modelFiles());
        assertTrue(Files.readString(tree.modelDir().resolve("keywords.tsv")).contains("word\tmoney\tspam"));
        assertEquals("labels=2\n", Files.readString(tree.outputDataDir().resolve("stats.txt")));
        assertFalse(Files.exists(tree.failureFile()));
    }

    @Test
    void writesTheModelsMessageFirstAndTheCauseChainToTheFailureFile() throws Exception {
        OptMl tree = OptMlFixture.withLinkedTrainChannel(temp, "{\"fail_with\": \"column 'text' is empty in part-0.csv\"}");

        TrainingResult result = Training.run(tree.root(), new KeywordModel());

        assertFalse(result.succeeded());
        String failure = Files.readString(tree.failureFile(), StandardCharsets.UTF_8);
        assertEquals("column 'text' is empty in part-0.csv\njava.lang.IllegalStateException\n"
                + "caused by: java.io.IOException: disk on fire\n", failure, "the message once, then the chain");
        assertEquals(Optional.of("column 'text' is empty in part-0.csv"), result.failureMessage());
    }

    @Test
    void aBadHyperparameterIsTheFirstLineOfTheFailureFile() {
        OptMl tree = OptMlFixture.withLinkedTrainChannel(temp, "{\"min_count\": \"abc\"}");

        assertFalse(Training.run(tree.root(), new KeywordModel()).succeeded());

        assertEquals("hyperparameter 'min_count' must be an integer in [1, 100], got 'abc'",
                OptMlFixture.firstLine(tree.failureFile()));
    }

    @Test
    void anUnknownHyperparameterIsNamedWithTheKnownOnes() {
        OptMl tree = OptMlFixture.withLinkedTrainChannel(temp,
                "{\"min_cont\": \"2\", \"sagemaker_region\": \"eu-west-1\", \"_tuning_objective_metric\": \"acc\"}");

        assertFalse(Training.run(tree.root(), new KeywordModel()).succeeded());

        assertEquals("unknown hyperparameter 'min_cont'; this model accepts: fail_with, min_count. "
                + "Check the spelling or remove it", OptMlFixture.firstLine(tree.failureFile()));
    }

    @Test
    void malformedHyperparametersJsonNamesTheFileAndPosition() {
        OptMl tree = OptMlFixture.withLinkedTrainChannel(temp, "{\"min_count\": \"2\",}");

        assertFalse(Training.run(tree.root(), new KeywordModel()).succeeded());

        String first = OptMlFixture.firstLine(tree.failureFile());
        assertTrue(first.startsWith(tree.hyperparametersFile() + " is not valid JSON: "), first);
        assertTrue(first.contains("line 1, column 19"), first);
    }

    @Test
    void hyperparametersThatAreNotAnObjectAreRefused() {
        OptMl tree = OptMlFixture.withLinkedTrainChannel(temp, "[\"epochs\", 3]");

        assertFalse(Training.run(tree.root(), new KeywordModel()).succeeded());

        assertTrue(OptMlFixture.firstLine(tree.failureFile()).endsWith("found an array"));
    }

    @Test
    void aMissingChannelIsNamedWithTheChannelsThatExist() throws Exception {
        OptMl tree = new OptMl(temp.resolve("opt-ml"));
        Files.createDirectories(tree.dataDir().resolve("test"));
        Files.createDirectories(tree.dataDir().resolve("validation"));

        assertFalse(Training.run(tree.root(), new KeywordModel()).succeeded());

        assertEquals("no input channel 'train': the channels are test, validation (directories under " + tree.dataDir()
                + "); give the training job a channel named 'train'", OptMlFixture.firstLine(tree.failureFile()));
    }

    @Test
    void aModelClassThatCannotBeFoundFailsTheRunWithTheFailureFile() {
        OptMl tree = OptMlFixture.withLinkedTrainChannel(temp, null);

        TrainingResult result = Training.run(tree.root(),
                () -> ModelLocator.locate(Optional.of("com.example.NoSuchModel"), getClass().getClassLoader()));

        assertFalse(result.succeeded());
        assertTrue(OptMlFixture.firstLine(tree.failureFile()).startsWith("model class 'com.example.NoSuchModel'"));
    }

    @Test
    void aSuccessfulRunRemovesTheFailureFileOfAnEarlierRun() throws Exception {
        OptMl tree = OptMlFixture.withLinkedTrainChannel(temp, "{\"min_count\": \"0\"}");
        assertFalse(Training.run(tree.root(), new KeywordModel()).succeeded());
        Files.writeString(tree.hyperparametersFile(), "{\"min_count\": 2.0}");

        assertTrue(Training.run(tree.root(), new KeywordModel()).succeeded());

        assertFalse(Files.exists(tree.failureFile()));
        assertTrue(Files.readString(tree.modelDir().resolve("keywords.tsv")).contains("word\tmoney\tspam"));
        assertFalse(Files.readString(tree.modelDir().resolve("keywords.tsv")).contains("word\twin\t"));
    }
}
