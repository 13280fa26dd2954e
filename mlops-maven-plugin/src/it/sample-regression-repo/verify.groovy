import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }
def json = new JsonSlurper()

// 1: the sample's own tests ran; trained through the runtime's entry point, which logs the test channel's quality
assert log =~ /Tests run: \d+, Failures: 0, Errors: 0/
expect('[wage-regression] trained on 428 rows of channel \'train\'')
expect('[wage-regression] channel \'test\' (106 rows): rmse ')
expect("Stored 'wage-regression' 1.0.0 as a candidate")
def versionDir = new File(basedir, 'store/models/wage-regression/1.0.0')
def manifest = json.parse(new File(versionDir, 'manifest.json'))
assert manifest.hyperparameters == [target: 'wage', l2: '10', 'log-target': 'false']
assert manifest.backend == 'local' && manifest.data.test.files == 1

// 1: a regression evaluation of 106 CSV rows, label 'wage' found by name in the header; the gate passes
expect('Predicted 106 records in ')
assert log =~ /floor r2: candidate 0\.16\d\d, floor 0\.1000/
assert log =~ /ceiling rmse: candidate 4\.76\d\d, ceiling 5\.0000/
expect("Quality gate passed: 'wage-regression' 1.0.0 is approved-by-gate")
assert manifest.status == 'approved-by-gate'
def metrics = manifest.metrics
assert metrics.keySet().containsAll(['mse', 'rmse', 'mae', 'r2']) : metrics
// the same numbers as training's own log line: what the server answers is what was trained
assert log.contains(String.format(Locale.ROOT, "rmse %.4f, mae %.4f, r2 %.4f", metrics.rmse, metrics.mae, metrics.r2))
def evaluation = json.parse(new File(basedir, 'target/mlops/evaluation.json'))
assert evaluation.version == '1.0.0' && evaluation.gate.passed

// 2: smoke-tested with CSV rows, then serving; the hint is the first test row without its wage (7.5), as text/csv
expect('Smoke test: 5 records of cps.csv')
def served = (log =~ /Endpoint 'wage-regression' serves 1\.0\.0 at (http:\/\/127\.0\.0\.1:\d+)/)
assert served.find() : 'no deployment line in the log'
def url = served.group(1)
expect("Try it: curl -H 'Content-Type: text/csv' --data-binary '12,0,male,17,1,35,white,other,other,0' '" + url + "/invocations'")

// 3: undeploy stops everything
expect("Stopped local endpoint 'wage-regression' (it served 1.0.0).")
assert !new File(basedir, 'endpoints/wage-regression').exists()
try {
    new URL(url + '/ping').openConnection().with { connectTimeout = 2000; readTimeout = 2000; responseCode }
    assert false : 'the endpoint still answers after undeploy'
} catch (IOException expected) {
}
return true
