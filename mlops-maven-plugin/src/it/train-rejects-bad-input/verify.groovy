def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }

expect("Channel 'train' points at ${new File(basedir, 'data/missing').canonicalPath}, which does not exist")
expect("-Dmlops.channel.train=<directory>")
expect("Channel 'train' at ${new File(basedir, 'data/empty').canonicalPath} has no data files")
expect("train.csv line 2: expected 'label,text', got 'this line has no label'")
// once in the build's output: the streamed training log ([INFO] [train] …) says where, the error says what
// (the invoker runs with -e, whose Java stack trace of the Maven exception does not count)
def reasonLines = log.readLines().findAll { it.contains("expected 'label,text', got 'this line has no label'") && it.startsWith('[') }
assert reasonLines.size() == 1 : "a training failure's reason is printed once, not: " + reasonLines
expect("Unknown training backend 'kubernetes'. Known backends: local")
expect("'epochs'")
expect("'lots'")
expect("learning-rate")
expect("cannot be written")
expect("Invalid version 'v1'")
expect("Version 1.0.0 of model 'tiny-model' already exists")

def versions = new File(basedir, 'store/models/tiny-model').listFiles().findAll { !it.name.startsWith('.') }*.name
assert versions == ['1.0.0'] : "only the good run may be stored, found " + versions
def manifest = new groovy.json.JsonSlurper().parse(new File(basedir, 'store/models/tiny-model/1.0.0/manifest.json'))
assert manifest.status == 'candidate'
assert manifest.hyperparameters == [epochs: '3']
return true
