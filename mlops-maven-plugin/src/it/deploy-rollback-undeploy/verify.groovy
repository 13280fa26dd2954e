import groovy.json.JsonSlurper
import java.util.regex.Pattern

def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }
def json = new JsonSlurper()
def dev = new File(basedir, 'store/models/tiny-model').listFiles()*.name.findAll { it.startsWith('0.0.0-dev.') }
assert dev.size() == 1 : 'one development version expected, found ' + dev
def devVersion = dev[0]

// 1: smoke-tested with the test channel, then serving; the hint is the first test record without its label
expect('Smoke test: 5 records of test.jsonl')
def served = (log =~ /Endpoint 'tiny-model' serves 1\.0\.0 at (http:\/\/127\.0\.0\.1:\d+)/)
assert served.find() : 'no deployment line in the log'
def url = served.group(1)
expect("Try it: curl -H 'Content-Type: application/jsonlines' --data-binary '{\"text\":\"win money now\"}' '" + url + "/invocations'")

// 2: the development version replaces 1.0.0 at the same address; status shows both
expect("Endpoint 'tiny-model' serves " + devVersion + " at " + url)
assert log =~ /Stopping 1\.0\.0 \(pid \d+\) after its requests drain/
assert log =~ /VERSION\s+STATUS\s+CREATED.*F1_MACRO\s+IMAGE\s+ALIASES/
assert log =~ /1\.0\.0\s+approved-by-gate/
assert log =~ /tiny-model\s+local\s+${Pattern.quote(devVersion)}\s+up\s+${Pattern.quote(url)}/

// 3: rollback goes back to 1.0.0; the alias remembers both
expect("Rolling back 'tiny-model' from " + devVersion + " to 1.0.0")
def alias = json.parse(new File(basedir, 'store/models/tiny-model/aliases/production'))
assert alias.version == '1.0.0' && alias.previous == [devVersion, '1.0.0']
def audit = json.parse(new File(basedir, 'store/models/tiny-model/1.0.0/manifest.json')).audit*.action
assert audit == ['evaluated', 'deployed', 'rolled-back-to'] : audit

// undeploy stops everything, and the endpoint's keys leave mlops.env
expect("Stopped local endpoint 'tiny-model' (it served 1.0.0).")
assert !new File(basedir, 'endpoints/tiny-model').exists()
def dotenv = new File(basedir, 'target/mlops/mlops.env').text
assert !dotenv.contains('MLOPS_ENDPOINT') && !dotenv.contains('MLOPS_DEPLOYED_VERSION') : dotenv
try {
    new URL(url + '/ping').openConnection().with { connectTimeout = 2000; readTimeout = 2000; responseCode }
    assert false : 'the endpoint still answers after undeploy'
} catch (IOException expected) {
}
// every router and model server of 1-3 is gone
assert evaluate(new File(basedir, '../tiny-model/endpoint-processes.groovy'))(basedir).size() >= 3
return true
