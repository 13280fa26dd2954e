package dev.mlops.aws.sagemaker;

import java.util.regex.Pattern;

/** Tag values as SageMaker takes them (Tag, API reference): at most 256 characters of {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}. */
final class TagValues {

    static final Pattern ALLOWED = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    static final int MAX = 256;

    private TagValues() {}

    /** {@code text} with every other character as '_', cut to 256 (a pipeline URL with '?' or '%' still tags). */
    static String of(String text) {
        String cleaned = text.replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", "_");
        return cleaned.length() <= MAX ? cleaned : cleaned.substring(0, MAX);
    }
}
