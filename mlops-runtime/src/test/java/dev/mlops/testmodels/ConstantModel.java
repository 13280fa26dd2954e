package dev.mlops.testmodels;

import dev.mlops.runtime.Model;
import dev.mlops.runtime.Prediction;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.TrainingContext;
import java.nio.file.Path;

/** The model BadRequestsIT serves: answers "ham" to every record, so that only the request can be wrong. */
public class ConstantModel implements Model {

    @Override
    public void train(TrainingContext context) {
        throw new UnsupportedOperationException("BadRequestsIT only serves this model");
    }

    @Override
    public Predictor load(Path modelDir) {
        return records -> records.stream().map(r -> Prediction.label("ham")).toList();
    }
}
