import groovy.json.JsonSlurper
import java.util.regex.Pattern

def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }
def json = new JsonSlurper()

// 1: the sample's own tests ran; the training log is streamed, then the version is stored
assert log =~ /Tests run: \d+, Failures: 0, Errors: 0/
expect('[train] ')
expect("Stored 'spam-classifier' 1.0.0 as a candidate")
def versionDir = new File(basedir, 'store/models/spam-classifier/1.0.0')
assert new File(versionDir, 'model.tar.gz').length() > 1000
def manifest = json.parse(new File(versionDir, 'manifest.json'))
assert manifest.hyperparameters.epochs == '3' : 'the -D override must reach the model: ' + manifest.hyperparameters

// 1: evaluated through its own server on the 1,119 held-out e-mails, and approved
expect("Quality gate passed: 'spam-classifier' 1.0.0 is approved-by-gate")
assert manifest.status == 'approved-by-gate'
assert manifest.metrics.accuracy > 0.95 : 'the sample classifies ~98% of the test e-mails right: ' + manifest.metrics
assert manifest.metrics.roc_auc > 0.95 && manifest.metrics.f1_macro > 0.95
def evaluation = json.parse(new File(basedir, 'target/mlops/evaluation.json'))
assert evaluation.evaluation.records == 1119
assert evaluation.evaluation.confusionMatrix.classes == ['ham', 'spam']
assert new File(basedir, 'target/mlops/metrics.txt').text =~ /(?m)^accuracy 0\.9\d+$/

// 2: smoke-tested with e-mails, then serving; the hint is the first test e-mail, without its label, as JSON lines
expect('Smoke test: 5 records of ')
def served = (log =~ /Endpoint 'spam-classifier' serves 1\.0\.0 at (http:\/\/127\.0\.0\.1:\d+)/)
assert served.find() : 'no deployment line in the log'
def url = served.group(1)
assert log =~ /Try it: curl -H 'Content-Type: application\/jsonlines' --data-binary '\{"id":"[^"]+","text":"/
assert !(log =~ /Try it: .*"label"/)
assert log =~ /1\.0\.0\s+approved-by-gate.*\s0\.9\d{3}\s/
assert log =~ /spam-classifier\s+local\s+1\.0\.0\s+up\s+${Pattern.quote(url)}/

// 3: undeploy stops everything
expect("Stopped local endpoint 'spam-classifier' (it served 1.0.0).")
assert !new File(basedir, 'endpoints/spam-classifier').exists()
try {
    new URL(url + '/ping').openConnection().with { connectTimeout = 2000; readTimeout = 2000; responseCode }
    assert false : 'the endpoint still answers after undeploy'
} catch (IOException expected) {
}
return true
