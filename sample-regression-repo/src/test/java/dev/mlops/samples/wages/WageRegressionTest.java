package dev.mlops.samples.wages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import dev.mlops.runtime.Model;
import dev.mlops.runtime.Prediction;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.Record;
import dev.mlops.runtime.TrainingContext;
import dev.mlops.runtime.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WageRegressionTest {

    static final Path TRAIN = Path.of("data/train/cps.csv");
    static final Path TEST = Path.of("data/test/cps.csv");
    /** The first test row, as CSV without its target (wage 7.5), and the same worker as a JSON object. */
    static final String CSV_ROW = "12,0,male,17,1,35,white,other,other,0";
    static final String JSON_ROW = "{\"education\": 12, \"south\": 0, \"gender\": \"male\", \"experience\": 17, \"union\": 1,"
            + " \"age\": 35.0, \"race\": \"white\", \"occupation\": \"other\", \"sector\": \"other\", \"married\": \"0\"}";

    @TempDir static Path shared;
    static Predictor predictor;

    @BeforeAll
    static void trainOnce() throws Exception {
        Path model = Files.createDirectories(shared.resolve("model"));
        new WageRegression().train(context(Map.of(), Map.of("train", TRAIN.getParent(), "test", TEST.getParent()), model));
        predictor = new WageRegression().load(model);
    }

    @Test
    void predictsHeldOutWagesBetterThanTheirMean() throws Exception {
        CsvTable test = CsvTable.read(TEST.getParent(), "test");
        String quality = WageRegression.quality((LinearModel) predictor, test, test.column("wage", "test"));
        double r2 = Double.parseDouble(quality.replaceAll(".*r2 ", ""));
        assertTrue(r2 > 0.1, quality);
    }

    @Test
    void aCsvRowAndAJsonObjectWithJsonNumbersGiveTheSameNumber() throws Exception {
        List<Object> csv = new ArrayList<>(List.of(CSV_ROW.split(",")));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(JSON_ROW);
        List<Prediction> answers = predictor.predict(List.of(Record.ofValues(csv), Record.ofFields(json)));
        double wage = (Double) answers.get(0).value();
        assertTrue(wage > 4 && wage < 15, "a plausible 1985 hourly wage: " + wage);
        assertEquals(answers.get(0), answers.get(1));
        assertTrue(answers.get(0).label().isEmpty() && answers.get(0).scores().isEmpty());
    }

    @Test
    void badRecordsAreErrorsNamingTheField() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("education", "twelve");
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> predictor.predict(List.of(Record.ofFields(fields))));
        assertEquals("field 'education' (CSV column 1) must be a number, got 'twelve'", notANumber.getMessage());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> predictor.predict(List.of(Record.ofValues(List.of("12", "0")))));
        assertTrue(missing.getMessage().startsWith("record has no field 'gender' and no value at position 2"), missing.getMessage());

        List<Object> unknownLevel = new ArrayList<>(List.of(CSV_ROW.split(",")));
        unknownLevel.set(6, "asian");
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class,
                () -> predictor.predict(List.of(Record.ofValues(unknownLevel))));
        assertEquals("field 'race' (CSV column 7) is 'asian', which training never saw; use one of: hispanic, other, white",
                level.getMessage());
        IllegalArgumentException second = assertThrows(IllegalArgumentException.class,
                () -> predictor.predict(List.of(Record.ofValues(new ArrayList<>(List.of(CSV_ROW.split(",")))), Record.ofValues(unknownLevel))));
        assertTrue(second.getMessage().startsWith("record 2: field 'race'"), second.getMessage());
    }

    @Test
    void theSavedModelIsReadableAndTrainingIsDeterministic(@TempDir Path again) throws Exception {
        new WageRegression().train(context(Map.of(), Map.of("train", TRAIN.getParent()), again));
        String saved = Files.readString(again.resolve(LinearModel.FILE)).replaceAll("(?m)^#.*\n", "");
        assertEquals(Files.readString(shared.resolve("model").resolve(LinearModel.FILE)).replaceAll("(?m)^#.*\n", ""), saved);
        assertTrue(saved.contains("column.race=category\\:hispanic|other|white"), saved);
        assertTrue(saved.contains("columns=education,south,gender,experience,union,age,race,occupation,sector,married"), saved);
    }

    @Test
    void aLogTargetAndAnotherTargetColumnWork(@TempDir Path model) throws Exception {
        new WageRegression().train(context(Map.of("target", "education", "log-target", "true"), Map.of("train", TRAIN.getParent()), model));
        LinearModel loaded = LinearModel.load(model);
        assertEquals("education", loaded.target());
        assertEquals("wage", loaded.columns().get(4).name(), "wage is now an input column");
        double years = loaded.predict(Record.ofFields(Map.of("south", 0, "gender", "male", "experience", 17, "union", 1,
                "wage", 7.5, "age", 35, "race", "white", "occupation", "other", "sector", "other", "married", 0)));
        assertTrue(years > 9 && years < 15, "about 12 years of education: " + years);
    }

    @Test
    void hyperparameterAndDataErrorsSayWhatToFix(@TempDir Path model) throws Exception {
        Map<String, Path> train = Map.of("train", TRAIN.getParent());
        assertMessage("unknown hyperparameter 'lambda'; this model accepts: l2, log-target, max-levels, target. Check the"
                + " spelling or remove it", Map.of("lambda", "1"), train, model);
        assertMessage("hyperparameter 'l2' must be a number in [0.0, 1000000.0], got '-1'", Map.of("l2", "-1"), train, model);
        assertMessage("hyperparameter 'log-target' must be one of [true, false], got 'yes'", Map.of("log-target", "yes"), train, model);
        assertMessage("hyperparameter 'max-levels' must be an integer in [2, 1000], got '1.5'", Map.of("max-levels", "1.5"), train, model);
        assertMessage("channel 'train' has no column 'salary'; its columns are education, south, gender, experience, union,"
                + " wage, age, race, occupation, sector, married (set the hyperparameter 'target' to one of them)",
                Map.of("target", "salary"), train, model);
        assertMessage("the target 'gender' is 'female', not a number", Map.of("target", "gender"), train, model);
        assertMessage("the features are linearly dependent", Map.of("l2", "0"), train, model);
        assertMessage("column 'occupation' has 6 different values, more than max-levels (5)", Map.of("max-levels", "5"), train, model);

        Path bad = Files.createDirectories(model.resolve("bad"));
        Files.writeString(bad.resolve("cps.csv"), "education,wage\n12,7.5\n13\n");
        assertMessage("cps.csv line 3: 1 values for 2 columns (education,wage)", Map.of(), Map.of("train", bad), model);
    }

    @Test
    void theRuntimeFindsTheModelThroughTheServiceLoader() {
        List<Model> models = ServiceLoader.load(Model.class).stream().map(ServiceLoader.Provider::get).toList();
        assertEquals(1, models.size());
        assertTrue(models.get(0) instanceof WageRegression);
    }

    private static void assertMessage(String expected, Map<String, String> hyper, Map<String, Path> channels, Path model) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WageRegression().train(context(hyper, channels, model)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** The runtime's own context over these directories: hyperparameters validated as in a real run. */
    static TrainingContext context(Map<String, String> hyper, Map<String, Path> channels, Path model) {
        return TrainingContext.of(hyper, channels, model, model.resolve("output"));
    }
}
