def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }

expect("Unknown task type 'regresion'. Known task types: classification, regression. Did you mean 'regression'?")
expect("-Dmlops.evaluate.task=regression.")
assert !new File(basedir, 'store').exists() : "nothing may be written to the store"

// the POM's typo is warned about; its mlops.version is not, because -Dmlops.version wins over it
assert log.count("[WARNING] Unknown property mlops.stor in the POM's <properties>: did you mean mlops.store?") == 1
assert !log.contains("The POM property mlops.version") : "-Dmlops.version wins over the POM: no warning then"
return true
