package dev.mlops.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A message whose references to settings and goals are data, not words: the core says "set {@link Setting}
 * to a number" and each adapter spells the setting its own way (the Maven plugin as a POM element and a
 * {@code -D} flag). {@link #toString()} is the neutral spelling, for logs and tests that have no adapter.
 */
public final class Text {

    /** One piece of a message. */
    public sealed interface Part permits Literal, Setting, Setting.Value, Goal, Goal.Run {}

    /** Words, as they are. */
    public record Literal(String text) implements Part {}

    /** How an adapter spells the references of a message. */
    public interface Spelling {

        /** Where to set {@code setting}, e.g. "the setting 'store'". */
        String setting(Setting setting);

        /** How to give {@code value}, e.g. "store=file:/models"; a placeholder stands for a value to choose. */
        String value(Setting.Value value);

        /** How to run a goal, with the settings it should get. */
        String goal(Goal.Run run);
    }

    /** The adapter-free spelling: settings by their key, goals by their name. */
    public static final Spelling NEUTRAL = new Spelling() {
        @Override
        public String setting(Setting setting) {
            return "the setting '" + setting.key() + "'";
        }

        @Override
        public String value(Setting.Value value) {
            return value.setting().key() + "=" + (value.placeholder() ? "<" + value.text() + ">" : value.text());
        }

        @Override
        public String goal(Goal.Run run) {
            StringBuilder text = new StringBuilder("the ").append(run.goal().label()).append(" goal");
            if (!run.with().isEmpty()) {
                text.append(" with ").append(String.join(" ", run.with().stream().map(this::value).toList()));
            }
            return text.toString();
        }
    };

    private final List<Part> parts;

    private Text(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * A message from pieces: a {@link Part} (a setting, a value, a goal) stays a reference, a {@code Text}
     * is taken piece by piece, anything else is words ({@link String#valueOf}).
     */
    public static Text of(Object... pieces) {
        List<Part> parts = new ArrayList<>();
        for (Object piece : pieces) {
            if (piece instanceof Text text) {
                parts.addAll(text.parts);
            } else if (piece instanceof Part part) {
                parts.add(part);
            } else {
                parts.add(new Literal(String.valueOf(piece)));
            }
        }
        return new Text(parts);
    }

    public List<Part> parts() {
        return parts;
    }

    /** The message in an adapter's words. */
    public String spell(Spelling spelling) {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                text.append(literal.text());
            } else if (part instanceof Setting setting) {
                text.append(spelling.setting(setting));
            } else if (part instanceof Setting.Value value) {
                text.append(spelling.value(value));
            } else if (part instanceof Goal goal) {
                text.append(spelling.goal(goal.run()));
            } else if (part instanceof Goal.Run run) {
                text.append(spelling.goal(run));
            }
        }
        return text.toString();
    }

    /** Every setting the message tells the user to change, in order, values and goals' settings included. */
    public List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Setting setting) {
                settings.add(setting);
            }
            values(part).forEach(v -> settings.add(v.setting()));
        }
        return Collections.unmodifiableList(settings);
    }

    /** Every value the message suggests for a setting (placeholders included). */
    public List<Setting.Value> values() {
        List<Setting.Value> values = new ArrayList<>();
        parts.forEach(part -> values.addAll(values(part)));
        return Collections.unmodifiableList(values);
    }

    private static List<Setting.Value> values(Part part) {
        if (part instanceof Setting.Value value) {
            return List.of(value);
        }
        return part instanceof Goal.Run run ? run.with() : List.of();
    }

    /** Every goal the message tells the user to run. */
    public List<Goal> goals() {
        List<Goal> goals = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Goal goal) {
                goals.add(goal);
            } else if (part instanceof Goal.Run run) {
                goals.add(run.goal());
            }
        }
        return Collections.unmodifiableList(goals);
    }

    /** The first setting the message names, if any: the one to change. */
    public Optional<Setting> setting() {
        return settings().stream().findFirst();
    }

    /** True when the message has no words and no references. */
    public boolean isEmpty() {
        return parts.stream().allMatch(p -> p instanceof Literal l && l.text().isEmpty());
    }

    @Override
    public String toString() {
        return spell(NEUTRAL);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Text text && text.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }
}
