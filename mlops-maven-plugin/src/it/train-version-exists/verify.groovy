def log = new File(basedir, "build.log").text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }

expect("Version 1.0.0 of model 'tiny-model' already exists")

def versions = new File(basedir, 'store/models/tiny-model').listFiles().findAll { !it.name.startsWith('.') }*.name
assert versions == ['1.0.0'] : "only the first run may be stored, found " + versions
def manifest = new groovy.json.JsonSlurper().parse(new File(basedir, 'store/models/tiny-model/1.0.0/manifest.json'))
assert manifest.status == 'candidate'
assert manifest.hyperparameters == [epochs: '3']
return true
