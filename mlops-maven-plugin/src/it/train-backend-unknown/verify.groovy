def log = new File(basedir, "build.log").text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }

expect("Unknown training backend 'kubernetes'. Known backends: local")

// nothing was stored
def model = new File(basedir, "store/models/tiny-model")
def versions = model.isDirectory() ? model.listFiles().findAll { !it.name.startsWith(".") }*.name : []
assert versions.isEmpty() : "nothing may be stored, found " + versions
return true
