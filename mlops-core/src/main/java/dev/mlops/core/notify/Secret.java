package dev.mlops.core.notify;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A credential of a channel (a webhook URL, a token), read from a masked variable or a file (a GitLab file
 * variable, which {@code -X} does not print). Its {@link #toString()} never shows the value.
 *
 * @param source where it came from, for messages: the variable, or the setting that names the file
 */
public record Secret(String value, Text source) {

    /**
     * The file named by {@code fileSetting}, else the variable; empty when neither is given (the channel is then
     * not configured).
     *
     * @throws ConfigurationException when the file cannot be read or is empty
     */
    public static Optional<Secret> from(Map<String, String> env, String variable, Optional<Path> file, Setting fileSetting) {
        if (file.isPresent()) {
            Text source = Text.of("the file ", file.get(), " (", fileSetting, ")");
            String text;
            try {
                text = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigurationException(Text.of("Cannot read ", source, ": ", e.getClass().getSimpleName(),
                        ". Name a readable file, or set ", variable, " instead."));
            }
            if (text.isEmpty()) {
                throw new ConfigurationException(Text.of(source, " is empty. Write the value into it, or set ", variable,
                        " instead."));
            }
            return Optional.of(new Secret(text, source));
        }
        return Optional.ofNullable(env.get(variable)).map(String::strip).filter(v -> !v.isEmpty())
                .map(v -> new Secret(v, Text.of(variable)));
    }

    /** {@code text} with every occurrence of the value replaced, for a message that quotes a library's words. */
    public String scrub(String text) {
        return text == null ? "" : text.replace(value, "<" + source + ">");
    }

    @Override
    public String toString() {
        return "Secret[from " + source + "]";
    }
}
