package it.tiny;

import dev.mlops.testmodels.MajorityModel;

/** The project's own model class (mlops:package needs compiled classes); the behaviour is the shared test model's. */
public class TinyModel extends MajorityModel {}
