def log = new File(basedir, "build.log").text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }

expect("Channel 'train' points at ${new File(basedir, 'data/missing').canonicalPath}, which does not exist")
expect("-Dmlops.channel.train=<directory>")

// nothing was stored
def model = new File(basedir, "store/models/tiny-model")
def versions = model.isDirectory() ? model.listFiles().findAll { !it.name.startsWith(".") }*.name : []
assert versions.isEmpty() : "nothing may be stored, found " + versions
return true
