package dev.mlops.testmodels;

import dev.mlops.runtime.Predictor;
import java.nio.file.Path;

/** Loads for longer than any test waits: a deployment of it stays in staging. */
public class SlowToLoadModel extends WordCountModel {

    @Override
    public Predictor load(Path modelDir) throws Exception {
        Thread.sleep(120_000);
        return super.load(modelDir);
    }
}
