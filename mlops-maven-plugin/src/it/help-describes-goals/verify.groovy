def log = new File(basedir, 'build.log').text
['train', 'evaluate', 'version', 'package', 'deploy', 'rollback', 'undeploy', 'serve', 'status'].each { goal ->
    assert log.contains('mlops:' + goal) : 'mlops:help does not describe mlops:' + goal
}
return true
