package dev.mlops.samples.spam;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.text.TextFeatureExtractor;
import org.tribuo.data.text.impl.TextFeatureExtractorImpl;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.impl.ArrayExample;
import org.tribuo.util.tokens.impl.SplitPatternTokenizer;

/**
 * Turns an e-mail's text into Tribuo features: lower-cased word 1..n-grams (Tribuo's
 * {@link TokenPipeline}), optionally hashed into {@code hashDim} buckets, plus one constant
 * feature so that a text with no known word still gets a prediction (the class prior) instead of
 * Tribuo's "no feature overlap" error.
 *
 * <p>The settings are saved beside the model as {@value #FILE} so that prediction rebuilds exactly
 * the feature extraction the model was trained with. Thread-safe: the pipeline keeps one tokenizer
 * per thread.
 */
final class TextFeatures {

    static final String FILE = "pipeline.properties";
    static final int FORMAT = 1;
    /** Splits on everything that is not a letter or a digit. */
    static final String TOKEN_SPLIT = "[^\\p{L}\\p{N}]+";
    static final String CONSTANT_FEATURE = "__constant__";

    private final int ngrams;
    private final int hashDim;
    private final String tokenSplit;
    private final TextFeatureExtractor<Label> extractor;

    TextFeatures(int ngrams, int hashDim) {
        this(ngrams, hashDim, TOKEN_SPLIT);
    }

    private TextFeatures(int ngrams, int hashDim, String tokenSplit) {
        this.ngrams = ngrams;
        this.hashDim = hashDim;
        this.tokenSplit = tokenSplit;
        TokenPipeline pipeline = new TokenPipeline(new SplitPatternTokenizer(tokenSplit), ngrams,
                /* termCounting */ true, hashDim > 0 ? hashDim : -1);
        this.extractor = new TextFeatureExtractorImpl<>(pipeline);
    }

    int ngrams() {
        return ngrams;
    }

    int hashDim() {
        return hashDim;
    }

    /** The example for {@code text}, with {@code label} as its output (unknown at prediction time). */
    Example<Label> extract(Label label, String text) {
        Example<Label> tokens = extractor.extract(label, text.toLowerCase(Locale.ROOT));
        List<Feature> features = new ArrayList<>(tokens.size() + 1);
        tokens.forEach(features::add);
        features.add(new Feature(CONSTANT_FEATURE, 1.0));
        ArrayExample<Label> example = new ArrayExample<>(label);
        example.addAll(features);
        return example;
    }

    Example<Label> extract(String text) {
        return extract(LabelFactory.UNKNOWN_LABEL, text);
    }

    void save(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("lowercase", "true");
        p.setProperty("tokenizer.split-pattern", tokenSplit);
        p.setProperty("ngrams", Integer.toString(ngrams));
        p.setProperty("hash-dim", Integer.toString(hashDim));
        p.setProperty("term-counting", "true");
        p.setProperty("constant-feature", CONSTANT_FEATURE);
        // Properties does the escaping; drop its date comment and sort the lines, so the file is stable
        StringWriter text = new StringWriter();
        p.store(text, null);
        List<String> lines = new ArrayList<>(text.toString().lines().filter(l -> !l.startsWith("#")).sorted().toList());
        lines.add(0, "# spam-classifier feature extraction (Tribuo TokenPipeline), read back by SpamClassifier.load");
        Files.write(dir.resolve(FILE), lines, StandardCharsets.UTF_8);
    }

    static TextFeatures load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("model directory " + dir + " has no " + FILE + "; was it written by SpamClassifier.train?");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String format = p.getProperty("format");
        if (!Integer.toString(FORMAT).equals(format)) {
            throw new IOException(file + ": format " + format + " is not supported (expected " + FORMAT + ")");
        }
        try {
            return new TextFeatures(Integer.parseInt(p.getProperty("ngrams")), Integer.parseInt(p.getProperty("hash-dim")),
                    p.getProperty("tokenizer.split-pattern", TOKEN_SPLIT));
        } catch (RuntimeException e) {
            throw new IOException(file + ": unreadable settings " + p + ": " + e.getMessage(), e);
        }
    }
}
