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
return true
