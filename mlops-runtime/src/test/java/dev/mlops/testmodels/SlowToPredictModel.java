package dev.mlops.testmodels;

import dev.mlops.runtime.Predictor;
import java.nio.file.Path;

/** Answers a record whose text is {@code slow} only after 8 s: a model server that is slow, not gone. */
public class SlowToPredictModel extends WordCountModel {

    @Override
    public Predictor load(Path modelDir) throws Exception {
        Predictor fast = super.load(modelDir);
        return records -> {
            if (records.stream().anyMatch(r -> r.text("text", 0).equals("slow"))) {
                Thread.sleep(8_000);
            }
            return fast.predict(records);
        };
    }
}
