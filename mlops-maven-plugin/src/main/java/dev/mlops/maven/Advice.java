package dev.mlops.maven;

import dev.mlops.core.Goal;
import dev.mlops.core.MlopsException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.util.List;

/**
 * The one place where the core's messages get Maven's words: a setting becomes its POM element and its
 * {@code -D} flag, a goal {@code mvn mlops:<goal>}, all from {@link MlopsProperties}.
 */
final class Advice implements Text.Spelling {

    static final Advice MAVEN = new Advice();

    private Advice() {}

    /** The exception's message for the Maven log. */
    static String message(MlopsException e) {
        return e.text().spell(MAVEN);
    }

    /**
     * The first cause below the core's exceptions. Maven appends every cause's message that the message does
     * not contain, so a core exception as cause would repeat the message in the core's neutral words.
     */
    static Throwable outsideCause(MlopsException e) {
        Throwable cause = e.getCause();
        while (cause instanceof MlopsException core) {
            cause = core.getCause();
        }
        return cause;
    }

    /** The core's exception goes along as a suppressed one, so that {@code -e} still shows where it came from. */
    static <T extends Exception> T attach(T mavenException, MlopsException core) {
        mavenException.addSuppressed(core);
        return mavenException;
    }

    /** Any core text for the Maven log. */
    static String of(Text text) {
        return text.spell(MAVEN);
    }

    /** {@code <gate><direction> or -Dmlops.gate.direction}; a command-line setting is only its flag. */
    @Override
    public String setting(Setting setting) {
        String property = MlopsProperties.property(setting);
        return MlopsProperties.commandLineOnly(property) ? "-D" + property
                : opening(MlopsProperties.pomElements(property)) + " or -D" + property;
    }

    /** {@code <task>regression</task> or -Dmlops.evaluate.task=regression}; a placeholder as {@code =<port>}. */
    @Override
    public String value(Setting.Value value) {
        String property = MlopsProperties.property(value.setting());
        String flag = flag(value);
        if (MlopsProperties.commandLineOnly(property)) {
            return flag;
        }
        List<String> elements = MlopsProperties.pomElements(property);
        String pom = value.placeholder() ? opening(elements) : opening(elements) + value.text() + closing(elements);
        return pom + " or " + flag;
    }

    /** {@code mvn mlops:deploy -Dmlops.version=<version>}. */
    @Override
    public String goal(Goal.Run run) {
        StringBuilder command = new StringBuilder("mvn mlops:").append(run.goal().label());
        run.with().forEach(value -> command.append(' ').append(flag(value)));
        return command.toString();
    }

    private static String flag(Setting.Value value) {
        return "-D" + MlopsProperties.property(value.setting()) + "="
                + (value.placeholder() ? "<" + value.text() + ">" : value.text());
    }

    private static String opening(List<String> elements) {
        StringBuilder xml = new StringBuilder();
        elements.forEach(e -> xml.append('<').append(e).append('>'));
        return xml.toString();
    }

    private static String closing(List<String> elements) {
        StringBuilder xml = new StringBuilder();
        for (int i = elements.size() - 1; i >= 0; i--) {
            xml.append("</").append(elements.get(i)).append('>');
        }
        return xml.toString();
    }
}
