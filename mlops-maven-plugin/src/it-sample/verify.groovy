import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }
def json = new JsonSlurper()

// the training log is streamed, then the version is stored
expect('[train] ')
expect("Stored 'spam-classifier' 1.0.0 as a candidate")

def versionDir = new File(basedir, 'store/models/spam-classifier/1.0.0')
assert new File(versionDir, 'model.tar.gz').length() > 1000
def manifest = json.parse(new File(versionDir, 'manifest.json'))
assert manifest.model == 'spam-classifier'
assert manifest.version == '1.0.0'
assert manifest.status == 'rejected' // stored as a candidate, then rejected by the gate in 4
assert manifest.backend == 'local'
assert manifest.hyperparameters.epochs == '3' : 'the -D override must reach the model: ' + manifest.hyperparameters
assert manifest.data.train.files == 1 && manifest.data.train.sha256 ==~ /[0-9a-f]{64}/
assert manifest.data.test.bytes > 0
assert manifest.artifact.sha256 ==~ /[0-9a-f]{64}/
assert manifest.training.durationMillis > 0

def dev = new File(basedir, 'store/models/spam-classifier').listFiles()*.name.findAll { it.startsWith('0.0.0-dev.') }
assert dev.size() == 1 : 'one development version expected, found ' + dev

// the second training run's reports replace the first's
def training = json.parse(new File(basedir, 'target/mlops/training.json'))
assert training.manifest.version == dev[0]
assert training.modelUri.endsWith('/store/models/spam-classifier/' + dev[0] + '/model.tar.gz')
def env = new File(basedir, 'target/mlops/mlops.env').text
assert env.contains('MLOPS_VERSION=' + dev[0] + '\n')
assert env.contains('MLOPS_MODEL=spam-classifier\n')
// evaluation (4, of 1.0.0) added its verdict and status; the trained version stays what training wrote
assert env.contains('MLOPS_EVALUATED_VERSION=1.0.0\n')
assert env.contains('MLOPS_MODEL_STATUS=rejected\n')
assert env.contains('MLOPS_GATE=failed\n')

// 3: the version just trained is evaluated through its own server and approved (no production, no floors)
expect('Evaluating the version just trained')
expect('Model server (pid ')
def devManifest = json.parse(new File(basedir, 'store/models/spam-classifier/' + dev[0] + '/manifest.json'))
assert devManifest.status == 'approved-by-gate'
assert devManifest.metrics.accuracy > 0.95 : 'the sample classifies ~98% of the test e-mails right: ' + devManifest.metrics
assert devManifest.metrics.roc_auc > 0.95 && devManifest.metrics.f1_macro > 0.95
assert devManifest.audit*.action == ['evaluated', 'deployed', 'rolled-back-to'] // 3, then 9 and 12

// 4: a floor no model reaches fails the gate, naming the metric with both values; 1.0.0 is rejected, nothing else changes
expect("Quality gate failed for 'spam-classifier' 1.0.0 (no production version yet):")
assert log =~ /floor accuracy: candidate 0\.9\d{3}, floor 0\.9990/
expect('-Dmlops.gate.skip')
def rejected = json.parse(new File(versionDir, 'manifest.json'))
assert rejected.status == 'rejected'
assert rejected.metrics.accuracy < 0.999
def evaluation = json.parse(new File(basedir, 'target/mlops/evaluation.json'))
assert evaluation.version == '1.0.0' && evaluation.status == 'rejected' && !evaluation.gate.passed
assert evaluation.evaluation.records == 1119
assert evaluation.evaluation.confusionMatrix.classes == ['ham', 'spam']
assert new File(basedir, 'target/mlops/evaluation.md').text.contains('failed the quality gate')
def html = new File(basedir, 'target/mlops/evaluation.html').text
assert html.contains('<svg') && !html.contains('<script')
assert new File(basedir, 'target/mlops/metrics.txt').text =~ /(?m)^accuracy 0\.9\d+$/

// 5: status lists both versions with status and the primary metric
assert log =~ /VERSION\s+STATUS\s+CREATED.*F1_MACRO\s+IMAGE\s+ALIASES/
assert log =~ /1\.0\.0\s+rejected/
assert log =~ /${dev[0].replace('.', '\\.')}\s+approved-by-gate.*\s0\.9\d{3}\s/

// help describes the goals
expect('mlops:train')
expect('mlops:status')
expect('mlops:evaluate')

// 8: a rejected version is not deployed without an override
expect("Version 1.0.0 of 'spam-classifier' failed the quality gate (status rejected) and is not deployed.")

// 9: the newest approved version is smoke-tested with the test channel, then serves; the URL is handed on
expect('Smoke test: 5 records of ')
def served = (log =~ /Endpoint 'spam-classifier' serves ${dev[0].replace('.', '\\.')} at (http:\/\/127\.0\.0\.1:\d+)/)
assert served.find() : 'no deployment line in the log'
def url = served.group(1)
// the hint is the first test e-mail, without its label, as JSON lines
assert log =~ /Try it: curl -H 'Content-Type: application\/jsonlines' --data-binary '\{"id":"[^"]+","text":"/
assert !(log =~ /Try it: .*"label"/)
// 10: status shows it up
assert log =~ /spam-classifier\s+local\s+${dev[0].replace('.', '\\.')}\s+up\s+${java.util.regex.Pattern.quote(url)}/
// 11: the override is recorded and the endpoint keeps its URL
expect("Endpoint 'spam-classifier' serves 1.0.0 at " + url)
def overridden = json.parse(new File(versionDir, 'manifest.json'))
assert overridden.audit*.action.containsAll(['deployed', 'deployed-despite-gate'])
// 12: rollback goes back to the development version; the alias remembers 1.0.0 and, first of all, the
// development version (the failed gate of 4 had moved nothing)
expect("Rolling back 'spam-classifier' from 1.0.0 to " + dev[0])
def alias = json.parse(new File(basedir, 'store/models/spam-classifier/aliases/production'))
assert alias.version == dev[0] && alias.previous == ['1.0.0', dev[0]]
// 13: undeploy stops everything, and the endpoint's keys leave mlops.env (the URL of 9-12 is gone)
expect("Stopped local endpoint 'spam-classifier' (it served " + dev[0] + ").")
assert !new File(basedir, 'endpoints/spam-classifier').exists()
def dotenv = new File(basedir, 'target/mlops/mlops.env').text
assert !dotenv.contains('MLOPS_ENDPOINT') && !dotenv.contains('MLOPS_DEPLOYED_VERSION') : dotenv
try {
    new URL(url + '/ping').openConnection().with { connectTimeout = 2000; readTimeout = 2000; responseCode }
    assert false : 'the endpoint still answers after undeploy'
} catch (IOException expected) {
}
expect('mlops:deploy')
return true
