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
assert manifest.status == 'candidate'
assert manifest.backend == 'local'
assert manifest.hyperparameters.epochs == '3' : 'the -D override must reach the model: ' + manifest.hyperparameters
assert manifest.data.train.files == 1 && manifest.data.train.sha256 ==~ /[0-9a-f]{64}/
assert manifest.data.test.bytes > 0
assert manifest.artifact.sha256 ==~ /[0-9a-f]{64}/
assert manifest.training.durationMillis > 0

def dev = new File(basedir, 'store/models/spam-classifier').listFiles()*.name.findAll { it.startsWith('0.0.0-dev.') }
assert dev.size() == 1 : 'one development version expected, found ' + dev

// the second run's reports replace the first's
def training = json.parse(new File(basedir, 'target/mlops/training.json'))
assert training.manifest.version == dev[0]
assert training.modelUri.endsWith('/store/models/spam-classifier/' + dev[0] + '/model.tar.gz')
def env = new File(basedir, 'target/mlops/mlops.env').text
assert env.contains('MLOPS_VERSION=' + dev[0] + '\n')
assert env.contains('MLOPS_MODEL=spam-classifier\n')
assert env.contains('MLOPS_MODEL_STATUS=candidate\n')

// status lists both versions
assert log =~ /VERSION\s+STATUS\s+CREATED/
assert log =~ /1\.0\.0\s+candidate/
assert log =~ /${dev[0].replace('.', '\\.')}\s+candidate/

// help describes the goals
expect('mlops:train')
expect('mlops:status')

// deploy: smoke-tested with the test channel, then serving; the alias moved; the URL handed on
expect('Smoke test: 5 records of ')
def served = (log =~ /Endpoint 'spam-classifier' serves 1\.0\.0 at (http:\/\/127\.0\.0\.1:\d+)/)
assert served.find() : 'no deployment line in the log'
def url = served.group(1)
assert log =~ /spam-classifier\s+local\s+1\.0\.0\s+up\s+${java.util.regex.Pattern.quote(url)}/
def alias = json.parse(new File(basedir, 'store/models/spam-classifier/aliases/production'))
assert alias.version == '1.0.0' && alias.previous == []
assert new File(basedir, 'target/mlops/mlops.env').text.contains('MLOPS_ENDPOINT_URL=' + url + '\n')
def deployed = json.parse(new File(basedir, 'store/models/spam-classifier/1.0.0/manifest.json'))
assert deployed.audit.any { it.action == 'deployed' }

// rollback with nothing to go back to changes nothing; undeploy stops everything
expect("has no previous production version to roll back to (production is 1.0.0); nothing was changed.")
expect("Stopped local endpoint 'spam-classifier' (it served 1.0.0).")
assert !new File(basedir, 'endpoints/spam-classifier').exists()
try {
    new URL(url + '/ping').openConnection().with { connectTimeout = 2000; readTimeout = 2000; responseCode }
    assert false : 'the endpoint still answers after undeploy'
} catch (IOException expected) {
}
return true
