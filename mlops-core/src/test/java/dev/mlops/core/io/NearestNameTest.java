package dev.mlops.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestNameTest {

    private static final List<String> PROPERTIES = List.of("mlops.endpoint", "mlops.endpoints", "mlops.store",
            "mlops.version", "mlops.version.skip", "mlops.evaluate.task", "mlops.train.timeout", "mlops.image",
            "mlops.image.target");

    @Test
    void aMissingLetterFindsTheTask() {
        assertEquals(Optional.of("regression"), NearestName.among("regresion", List.of("classification", "regression")));
    }

    @Test
    void swappedNeighboursCountAsOneEdit() {
        assertEquals(1, NearestName.distance("regerssion", "regression"));
        assertEquals(Optional.of("regression"), NearestName.among("regerssion", List.of("classification", "regression")));
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, NearestName.distance("abc", "abc"));
        assertEquals(3, NearestName.distance("kitten", "sitting"));
        assertEquals(4, NearestName.distance("", "abcd"));
    }

    @Test
    void theParameterNameOfAPropertyFindsTheProperty() {
        assertEquals(Optional.of("mlops.endpoints"), NearestName.among("mlops.endpointsDirectory", PROPERTIES));
    }

    @Test
    void caseAndSeparatorsDoNotCount() {
        assertEquals(Optional.of("mlops.version.skip"), NearestName.among("mlops.versionSkip", PROPERTIES));
        assertEquals(Optional.of("mlops.evaluate.task"), NearestName.among("MLOPS_EVALUATE_TASK", PROPERTIES));
    }

    @Test
    void aTypoInsideALongNameIsFound() {
        assertEquals(Optional.of("mlops.train.timeout"), NearestName.among("mlops.train.timout", PROPERTIES));
        assertEquals(Optional.of("mlops.store"), NearestName.among("mlops.stor", PROPERTIES));
    }

    @Test
    void theStartOfANameFindsIt() {
        assertEquals(Optional.of("classification"), NearestName.among("classif", List.of("classification", "regression")));
    }

    @Test
    void nothingCloseSuggestsNothing() {
        assertEquals(Optional.empty(), NearestName.among("kubernetes", List.of("local")));
        assertEquals(Optional.empty(), NearestName.among("mlops.colour", PROPERTIES));
        assertEquals(Optional.empty(), NearestName.among("", PROPERTIES));
        assertEquals(Optional.empty(), NearestName.among(null, PROPERTIES));
    }

    @Test
    void theGivenNameIsNeverItsOwnSuggestion() {
        assertEquals(Optional.empty(), NearestName.among("local", List.of("local")));
    }

    @Test
    void hintIsASentenceOrNothing() {
        assertEquals(" Did you mean 'regression'?", NearestName.hint("regresion", List.of("classification", "regression")));
        assertEquals("", NearestName.hint("kubernetes", List.of("local")));
    }
}
