import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }
def json = new JsonSlurper()

// 1: production is 1.0.0, and its endpoint is gone
expect("Quality gate passed: 'tiny-model' 1.0.0 is approved-by-gate")
evaluate(new File(basedir, '../tiny-model/endpoint-processes.groovy'))(basedir)

// 2: the candidate is compared with production on the primary metric and fails
expect("Quality gate failed for 'tiny-model' 1.1.0 against production 1.0.0:")
assert log =~ /candidate 0\.\d{4} vs 0\.\d{4} in production 1\.0\.0 \(must be at least as good/
def candidate = json.parse(new File(basedir, 'store/models/tiny-model/1.1.0/manifest.json'))
assert candidate.status == 'rejected'
assert candidate.metrics.accuracy == 0.4 : 'the majority label (ham) is right for 2 of the 5 test records: ' + candidate.metrics
// production did not move
def alias = json.parse(new File(basedir, 'store/models/tiny-model/aliases/production'))
assert alias.version == '1.0.0'
assert json.parse(new File(basedir, 'store/models/tiny-model/1.0.0/manifest.json')).status == 'approved-by-gate'
def evaluation = json.parse(new File(basedir, 'target/mlops/evaluation.json'))
assert evaluation.version == '1.1.0' && !evaluation.gate.passed
return true
