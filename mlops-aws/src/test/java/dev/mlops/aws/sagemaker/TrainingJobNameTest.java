package dev.mlops.aws.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingJobNameTest {

    @Test
    void aShortNameIsModelAndVersionWithOtherCharactersAsDashes() {
        assertEquals("spam-classifier-1-2-0-rc-1-build-7", TrainingJobName.of("spam-classifier", "1.2.0-rc.1+build.7").value());
        assertEquals(TrainingJobName.of("spam", "1.0.0"), TrainingJobName.of("spam", "1.0.0"), "deterministic");
    }

    @Test
    void aLongNameKeepsTheModelAndEndsInTheVersionsHashWithinSageMakersRules() {
        String version = "0.0.0-dev.20261202T151816123456789Z.branch-feature-very-long-name";
        TrainingJobName name = TrainingJobName.of("spam-classifier-emails", version);
        assertTrue(name.value().length() <= 63, name.value());
        assertTrue(TrainingJobName.PATTERN.matcher(name.value()).matches(), name.value());
        assertTrue(name.value().startsWith("spam-classifier-emails-0-0-0-dev"), name.value());
        assertTrue(name.derivation().contains("SHA-256"), name.derivation());
        assertNotEquals(name, TrainingJobName.of("spam-classifier-emails", version + "x"), "another version, another name");
    }
}
