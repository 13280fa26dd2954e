import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }
def json = new JsonSlurper()

// the failure names the metric with both values, and how to skip the gate
expect("Quality gate failed for 'tiny-model' 1.0.0 (no production version yet):")
assert log =~ /floor accuracy: candidate 0\.6000, floor 0\.9990/
expect('-Dmlops.gate.skip')

def manifest = json.parse(new File(basedir, 'store/models/tiny-model/1.0.0/manifest.json'))
assert manifest.status == 'rejected'
assert manifest.metrics.accuracy == 0.6
assert !new File(basedir, 'store/models/tiny-model/aliases/production').exists()
def evaluation = json.parse(new File(basedir, 'target/mlops/evaluation.json'))
assert evaluation.version == '1.0.0' && evaluation.status == 'rejected' && !evaluation.gate.passed
assert new File(basedir, 'target/mlops/evaluation.md').text.contains('failed the quality gate')
def env = new File(basedir, 'target/mlops/mlops.env').text
assert env.contains('MLOPS_EVALUATED_VERSION=1.0.0\n')
assert env.contains('MLOPS_MODEL_STATUS=rejected\n')
assert env.contains('MLOPS_GATE=failed\n')
return true
