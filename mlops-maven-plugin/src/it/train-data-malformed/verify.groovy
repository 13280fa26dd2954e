def log = new File(basedir, "build.log").text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }

expect("train.csv line 2: expected 'label,text', got 'this line has no label'")
// once in the build's output: the streamed training log ([INFO] [train] …) says where, the error says what
// (the invoker runs with -e, whose Java stack trace of the Maven exception does not count)
def reasonLines = log.readLines().findAll { it.contains("expected 'label,text', got 'this line has no label'") && it.startsWith('[') }
assert reasonLines.size() == 1 : "a training failure's reason is printed once, not: " + reasonLines

// nothing was stored
def model = new File(basedir, "store/models/tiny-model")
def versions = model.isDirectory() ? model.listFiles().findAll { !it.name.startsWith(".") }*.name : []
assert versions.isEmpty() : "nothing may be stored, found " + versions
return true
