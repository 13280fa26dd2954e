package dev.mlops.testmodels;

import dev.mlops.runtime.TrainingContext;

/** Trains for longer than any test waits. */
public class SleepingModel extends WordCountModel {

    @Override
    public void train(TrainingContext context) throws Exception {
        Thread.sleep(60_000);
    }
}
