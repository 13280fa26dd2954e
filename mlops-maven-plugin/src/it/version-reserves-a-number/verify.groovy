def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: " + text }
def model = new File(basedir, 'store/models/tiny-model')

// 1 reserved 1.0.0, and 2 trained it without being told the version
expect("Stored 'tiny-model' 1.0.0 as a candidate")
assert new File(model, '1.0.0/manifest.json').isFile()
// 2 then reserved 1.0.1 (a patch: no release-worthy commit since 1.0.0), stored nothing under it
assert new File(model, '.reservations/1.0.1').exists()
assert !new File(model, '1.0.1').exists()
def env = new File(basedir, 'target/mlops/mlops.env').text
assert env.contains('MLOPS_VERSION=1.0.1\n') : env
assert env.contains('MLOPS_VERSION_PREVIOUS=1.0.0\n') : env
assert env.contains('MLOPS_VERSION_REASON=patch\n') : env
return true
