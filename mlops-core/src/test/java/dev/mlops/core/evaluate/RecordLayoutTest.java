package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordLayoutTest {

    @Test
    void aWholeNumberStaysAnIndexWithOrWithoutAHeader() {
        assertEquals(new RecordLayout("label", 2, true), RecordLayout.of("label", " 2 ", true));
        assertEquals(new RecordLayout("label", 0, false), RecordLayout.of("label", "0", false));
        assertEquals(2, RecordLayout.of("label", "2", true).forHeader(List.of("a", "b", "c"), "t.csv").csvLabelColumn());
    }

    @Test
    void aNameIsLookedUpInTheHeader() {
        RecordLayout byName = RecordLayout.of("label", "wage", true);
        assertEquals(Optional.of("wage"), byName.csvLabelName());
        assertEquals(1, byName.forHeader(List.of("\uFEFFeducation", " wage ", "age"), "t.csv").csvLabelColumn());
    }

    @Test
    void anUnknownNameFailsNamingTheValueTheFileAndTheHeadersColumns() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> RecordLayout.of("label", "wages", true).forHeader(List.of("education", "wage"), "train/cps.csv"));
        assertTrue(e.getMessage().contains("'wages' is not in the header of train/cps.csv (its columns: education, wage)"),
                e.getMessage());
        assertEquals(Setting.EVALUATE_CSV_LABEL_COLUMN, e.setting().orElseThrow(), e.getMessage());
    }

    @Test
    void aNameWithoutAHeaderIsAnErrorSayingHowToFixIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> RecordLayout.of("label", "wage", false));
        assertTrue(e.getMessage().contains("'wage' is a name, but the CSV files are read without a header"), e.getMessage());
        assertTrue(e.text().values().contains(Setting.EVALUATE_CSV_HEADER.is(true)), e.getMessage());
    }

    @Test
    void anEmptyOrNegativeColumnIsAnError() {
        assertThrows(ConfigurationException.class, () -> RecordLayout.of("label", " ", true));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> RecordLayout.of("label", "-1", true));
        assertTrue(e.getMessage().contains("The CSV label column is -1"), e.getMessage());
    }
}
