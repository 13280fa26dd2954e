package dev.mlops.aws.sagemaker;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SageMaker training job of a model version: the same name every time (so that a retried CI job attaches to
 * the job it started), valid by SageMaker's rules, starting with the model's name (what the IAM policy's job-name
 * prefix matches).
 *
 * @param derivation how the name came from model and version, for the log
 */
public record TrainingJobName(String value, String derivation) {

    /** CreateTrainingJob's TrainingJobName (API reference). */
    public static final Pattern PATTERN = Pattern.compile("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$");
    public static final int MAX = 63;
    private static final int HASH = 8;
    /** The longest model name (as a name part) that leaves room for '-' and the version's hash. */
    public static final int MAX_MODEL = MAX - 1 - HASH;

    /**
     * {@code <model>-<version>}, each run of characters other than letters and digits made one '-'; when that is
     * longer than 63, the version part is cut and ends in the first 8 hex digits of its SHA-256.
     */
    public static TrainingJobName of(String model, String version) {
        String m = part(model);
        String v = part(version);
        if (m.isEmpty() || m.length() > MAX_MODEL) {
            throw new ConfigurationException(Text.of("The SageMaker training job name is derived as MODEL-VERSION"
                    + " ('" + m + "-" + v + "'), and the model's part '" + m + "' has " + m.length() + " characters: it must"
                    + " keep 1 to " + MAX_MODEL + " so that the name fits SageMaker's " + MAX + " with the version's hash."
                    + " Give the model a shorter name with ", Setting.MODEL.any("name"), "."));
        }
        String readable = v.isEmpty() ? m : m + "-" + v;
        if (readable.length() <= MAX) {
            return new TrainingJobName(readable, "model '" + model + "' and version '" + version + "', letters and digits"
                    + " kept, other characters as '-'");
        }
        String cut = v.substring(0, Math.max(0, MAX - m.length() - 2 - HASH)).replaceAll("-+$", "");
        String name = m + "-" + (cut.isEmpty() ? "" : cut + "-") + sha256(version).substring(0, HASH);
        return new TrainingJobName(name, "model '" + model + "' and version '" + version + "': '" + readable + "' has "
                + readable.length() + " characters, over SageMaker's " + MAX + ", so the version part is cut and ends in"
                + " its SHA-256's first " + HASH + " hex digits");
    }

    /** How every job name of {@code model} starts, whatever the version: what IAM policies scope jobs by. */
    public static String prefix(String model) {
        return part(model) + "-";
    }

    private static String part(String text) {
        return text.replaceAll("[^a-zA-Z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
