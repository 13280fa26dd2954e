import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }
def json = new JsonSlurper()

def dev = new File(basedir, 'store/models/tiny-model').listFiles()*.name.findAll { !it.startsWith('.') }
assert dev.size() == 1 && dev[0] ==~ /0\.0\.0-dev\.[0-9a-z.]+/ : 'one development version expected, found ' + dev
def version = dev[0]

// the version just trained is evaluated through its own server and approved
expect('Evaluating the version just trained')
expect('Model server (pid ')
expect("Quality gate passed: 'tiny-model' " + version + " is approved-by-gate")
def manifest = json.parse(new File(basedir, "store/models/tiny-model/${version}/manifest.json"))
assert manifest.status == 'approved-by-gate'
assert manifest.metrics.accuracy == 0.6 : 'the majority label (spam) is right for 3 of the 5 test records: ' + manifest.metrics
assert manifest.audit*.action == ['evaluated']

// the reports
def evaluation = json.parse(new File(basedir, 'target/mlops/evaluation.json'))
assert evaluation.version == version && evaluation.status == 'approved-by-gate' && evaluation.gate.passed
assert evaluation.evaluation.records == 5
assert evaluation.evaluation.confusionMatrix.classes == ['ham', 'spam']
def html = new File(basedir, 'target/mlops/evaluation.html').text
assert html.contains('<svg') && !html.contains('<script')
assert new File(basedir, 'target/mlops/evaluation.md').text.contains(version)
assert new File(basedir, 'target/mlops/metrics.txt').text =~ /(?m)^accuracy 0\.6\d*$/
def env = new File(basedir, 'target/mlops/mlops.env').text
assert env.contains('MLOPS_VERSION=' + version + '\n')
assert env.contains('MLOPS_EVALUATED_VERSION=' + version + '\n')
assert env.contains('MLOPS_MODEL_STATUS=approved-by-gate\n')
assert env.contains('MLOPS_GATE=passed\n')
return true
