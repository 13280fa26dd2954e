import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }

// 2: refused, naming the version and its status
expect("Version 1.0.0 of 'tiny-model' failed the quality gate (status rejected) and is not deployed.")
// 3: deployed with the override, which the manifest records; then stopped
expect("Endpoint 'tiny-model' serves 1.0.0 at ")
def manifest = new JsonSlurper().parse(new File(basedir, 'store/models/tiny-model/1.0.0/manifest.json'))
assert manifest.status == 'rejected'
assert manifest.audit*.action.containsAll(['deployed', 'deployed-despite-gate']) : manifest.audit
expect("Stopped local endpoint 'tiny-model' (it served 1.0.0).")
evaluate(new File(basedir, '../tiny-model/endpoint-processes.groovy'))(basedir)
return true
