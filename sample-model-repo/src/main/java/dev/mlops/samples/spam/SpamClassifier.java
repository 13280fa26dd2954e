package dev.mlops.samples.spam;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.mlops.runtime.Hyperparameters;
import dev.mlops.runtime.Model;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.TrainingContext;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.dataset.MinimumCardinalityDataset;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Spam / phishing e-mail classifier: logistic regression (Tribuo {@link LinearSGDTrainer} with a
 * log loss and AdaGrad) on lower-cased, hashed word n-grams of the subject and body.
 *
 * <p>Channels: {@code train} (required) and {@code test} (optional, its accuracy is logged), each a
 * directory of {@code *.jsonl} files with {@code {"id": ..., "label": "spam"|"ham", "text": ...}}.
 * Writes {@value #MODEL_FILE} (Tribuo's protobuf format, no Java serialization) and
 * {@value TextFeatures#FILE} to the model directory.
 */
public final class SpamClassifier implements Model {

    public static final String SPAM = "spam";
    public static final String HAM = "ham";
    public static final String MODEL_FILE = "model.tribuo";
    static final String LOG = "spam-classifier: ";

    /** The hyperparameters, validated: names, defaults and ranges are in {@link #of(Hyperparameters)}. */
    public record Settings(int epochs, double learningRate, int ngrams, int hashDim, int minCount, int seed) {

        public static final List<String> NAMES = List.of("epochs", "learning-rate", "ngrams", "hash-dim", "min-count", "seed");

        public static Settings of(Hyperparameters h) {
            h.requireOnly(NAMES);
            return new Settings(
                    h.integer("epochs", 5, 1, 100),
                    h.number("learning-rate", 1.0, 0.0001, 10.0),
                    h.integer("ngrams", 1, 1, 3),
                    h.integer("hash-dim", 262_144, 0, 16_777_216), // 0: no hashing, one feature per n-gram
                    h.integer("min-count", 2, 1, 1000), // features seen fewer times in the train channel are dropped
                    h.integer("seed", 12_345, 0, Integer.MAX_VALUE));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "epochs=%d learning-rate=%s ngrams=%d hash-dim=%d min-count=%d seed=%d",
                    epochs, learningRate, ngrams, hashDim, minCount, seed);
        }
    }

    @Override
    public void train(TrainingContext context) throws Exception {
        Settings settings = Settings.of(context.hyperparameters());
        long start = System.nanoTime();
        Path trainDir = context.channel("train");
        List<Emails.Email> train = Emails.readChannel("train", trainDir);
        Set<String> labels = new java.util.TreeSet<>();
        train.forEach(e -> labels.add(e.label()));
        if (labels.size() < 2) {
            throw new IllegalArgumentException("channel 'train' at " + trainDir + " has only '" + labels.iterator().next()
                    + "' e-mails; it needs both \"spam\" and \"ham\" examples");
        }
        log("hyperparameters %s; read %d e-mails from channel 'train' (%d spam, %d ham)", settings, train.size(),
                train.stream().filter(e -> e.label().equals(SPAM)).count(),
                train.stream().filter(e -> e.label().equals(HAM)).count());

        TextFeatures features = new TextFeatures(settings.ngrams(), settings.hashDim());
        LabelFactory labelFactory = new LabelFactory();
        MutableDataset<Label> all = new MutableDataset<>(
                new SimpleDataSourceProvenance("channel train (" + train.size() + " e-mails)", labelFactory), labelFactory);
        for (Emails.Email email : train) {
            all.add(features.extract(new Label(email.label()), email.text()));
        }
        Dataset<Label> dataset = settings.minCount() > 1 ? new MinimumCardinalityDataset<>(all, settings.minCount()) : all;
        log("%d features (word 1..%d-grams%s%s)", dataset.getFeatureMap().size(), settings.ngrams(),
                settings.hashDim() > 0 ? " hashed into " + settings.hashDim() + " buckets" : "",
                settings.minCount() > 1 ? "; " + (all.getFeatureMap().size() - dataset.getFeatureMap().size())
                        + " seen in fewer than " + settings.minCount() + " e-mails dropped" : "");

        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(settings.learningRate(), 0.1),
                settings.epochs(), /* loggingInterval: quiet */ -1, /* minibatchSize */ 1, settings.seed());
        long fit = System.nanoTime();
        org.tribuo.Model<Label> model = trainer.train(dataset);
        log("trained in %.1f s (read and features %.1f s, fit %.1f s)", (System.nanoTime() - start) / 1e9,
                (fit - start) / 1e9, (System.nanoTime() - fit) / 1e9);
        log("training accuracy %.4f", new LabelEvaluator().evaluate(model, dataset).accuracy());

        if (context.channels().containsKey("test")) {
            List<Emails.Email> test = Emails.readChannel("test", context.channel("test"));
            List<Example<Label>> examples = new ArrayList<>(test.size());
            for (Emails.Email email : test) {
                examples.add(features.extract(new Label(email.label()), email.text()));
            }
            LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, model.predict(examples),
                    new SimpleDataSourceProvenance("channel test (" + test.size() + " e-mails)", labelFactory));
            Label spam = new Label(SPAM);
            log("channel 'test' (%d e-mails): accuracy %.4f, spam precision %.4f, recall %.4f, F1 %.4f", test.size(),
                    evaluation.accuracy(), evaluation.precision(spam), evaluation.recall(spam), evaluation.f1(spam));
        }

        Path modelDir = context.modelDir();
        Files.createDirectories(modelDir);
        long save = System.nanoTime();
        model.serializeToFile(modelDir.resolve(MODEL_FILE));
        features.save(modelDir);
        log("wrote %s (%,d bytes) and %s to %s in %.1f s", MODEL_FILE, Files.size(modelDir.resolve(MODEL_FILE)),
                TextFeatures.FILE, modelDir, (System.nanoTime() - save) / 1e9);
    }

    @Override
    public Predictor load(Path modelDir) throws Exception {
        return SpamPredictor.load(modelDir);
    }

    static void log(String format, Object... args) {
        System.out.println(LOG + String.format(Locale.ROOT, format, args));
    }
}
