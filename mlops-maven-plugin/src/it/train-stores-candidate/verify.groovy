import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }
def json = new JsonSlurper()

// the training log is streamed, then the version is stored
expect('[train] ')
expect("Stored 'tiny-model' 1.0.0 as a candidate")

def versionDir = new File(basedir, 'store/models/tiny-model/1.0.0')
assert new File(versionDir, 'model.tar.gz').length() > 0
def manifest = json.parse(new File(versionDir, 'manifest.json'))
assert manifest.model == 'tiny-model'
assert manifest.version == '1.0.0'
assert manifest.status == 'candidate'
assert manifest.backend == 'local'
assert manifest.hyperparameters == [epochs: '2'] : 'the -D override must reach the model: ' + manifest.hyperparameters
assert manifest.data.train.files == 1 && manifest.data.train.sha256 ==~ /[0-9a-f]{64}/
assert manifest.data.test.bytes > 0
assert manifest.artifact.sha256 ==~ /[0-9a-f]{64}/
assert manifest.training.durationMillis > 0

// the hand-off to later goals
def training = json.parse(new File(basedir, 'target/mlops/training.json'))
assert training.manifest.version == '1.0.0'
assert training.modelUri.endsWith('/store/models/tiny-model/1.0.0/model.tar.gz')
def env = new File(basedir, 'target/mlops/mlops.env').text
assert env.contains('MLOPS_VERSION=1.0.0\n')
assert env.contains('MLOPS_MODEL=tiny-model\n')
return true
