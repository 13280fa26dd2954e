import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }

expect("The CSV label column 'salary' is not in the header of test.csv (its columns: label, text)")
// refused before evaluating: the version stays a candidate, without metrics or reports
def manifest = new JsonSlurper().parse(new File(basedir, 'store/models/tiny-model/1.0.0/manifest.json'))
assert manifest.status == 'candidate' && !manifest.metrics
assert !new File(basedir, 'target/mlops/evaluation.json').exists()
return true
