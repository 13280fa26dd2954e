package dev.mlops.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import org.junit.jupiter.api.Test;

/** The core's settings and goals in Maven's words: the POM element and the -D flag, from MlopsProperties. */
class AdviceTest {

    @Test
    void aSettingIsItsPomElementAndItsFlag() {
        assertEquals("set <labelField> or -Dmlops.labelField", Advice.of(Text.of("set ", Setting.LABEL_FIELD)));
        assertEquals("<gate><direction> or -Dmlops.gate.direction", Advice.of(Text.of(Setting.GATE_DIRECTION)));
        assertEquals("<baseImage> or -Dmlops.image.base", Advice.of(Text.of(Setting.IMAGE_BASE)));
    }

    @Test
    void aValueIsWrittenIntoBothAndAPlaceholderShowsWhatToChoose() {
        assertEquals("<task>regression</task> or -Dmlops.evaluate.task=regression",
                Advice.of(Text.of(Setting.EVALUATE_TASK.is("regression"))));
        assertEquals("<channels><test> or -Dmlops.channel.test=<directory>",
                Advice.of(Text.of(Setting.channel("test").any("directory"))));
        assertEquals("<gate><floors><accuracy>0.9</accuracy></floors></gate> or -Dmlops.gate.floor.accuracy=0.9",
                Advice.of(Text.of(Setting.member(Setting.GATE_FLOOR, "accuracy").is(0.9))));
    }

    @Test
    void aSettingGivenPerRunIsOnlyItsFlag() {
        assertEquals("pass -Dmlops.version=<version> or -Dmlops.deploy.allowRejected=true",
                Advice.of(Text.of("pass ", Setting.VERSION.any("version"), " or ", Setting.DEPLOY_ALLOW_REJECTED.is(true))));
    }

    @Test
    void aGoalIsTheCommandToRunWithItsFlags() {
        assertEquals("run mvn mlops:train, then mvn mlops:deploy -Dmlops.version=1.2.0",
                Advice.of(Text.of("run ", Goal.TRAIN, ", then ", Goal.DEPLOY.with(Setting.VERSION.is("1.2.0")))));
    }

    @Test
    void anExceptionIsSpelledFromItsText() {
        ConfigurationException e = new ConfigurationException(Text.of("No store: set ", Setting.STORE.is("file:/s"), "."));
        assertEquals("No store: set store=file:/s.", e.getMessage());
        assertEquals("No store: set <store>file:/s</store> or -Dmlops.store=file:/s.", Advice.message(e));
    }
}
