def log = new File(basedir, 'build.log').text
def count = { String text -> log.count(text) }
def once = { String text -> assert count(text) == 1 : "build.log has " + count(text) + " times, not once: " + text }

// two goals, one warning each
once("[WARNING] Unknown property -Dmlops.endpointsDirectory: did you mean -Dmlops.endpoints?")
once("[WARNING] Unknown property -Dmlops.chanel.test: did you mean -Dmlops.channel.test?")
assert !log.contains("mlops.deploy.port:") : "a property of another goal was warned about"
assert !log.contains("-Dmlops.hyperparameter.epochs:") : "a hyperparameter was warned about"
assert count("No versions of 'tiny-model'") == 2 : "both goals must still run"

// the POM's properties: a typo, and mlops.version, which would become the model version (once per build)
once("[WARNING] Unknown property mlops.stor in the POM's <properties>: did you mean mlops.store?")
once("[WARNING] The POM property mlops.version (0.1.0-SNAPSHOT) is the model version of every mlops goal")
return true
