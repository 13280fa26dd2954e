// Shared by the cases' verify.groovy: evaluate(new File(basedir, '../tiny-model/endpoint-processes.groovy'))
// returns a closure that checks that every process the case's endpoint recorded (router and model
// servers, copied by resources:copy-resources@remember-endpoint) is gone. A process is the one recorded
// when its pid is alive with a start time within 2 s of the record (as the plugin matches them); a
// command line proves nothing. One still running is stopped here, and the case fails.
import groovy.json.JsonSlurper

return { File basedir ->
    def recorded = [] as Set
    def records = new File(basedir, 'target/endpoint-records')
    if (records.isDirectory()) {
        records.eachFileRecurse(groovy.io.FileType.FILES) { file ->
            if (file.name.endsWith('.json')) {
                def json = new JsonSlurper().parse(file)
                [['routerPid', 'routerStartedAt'], ['serverPid', 'serverStartedAt'], ['pid', 'startedAt']].each { keys ->
                    if (json[keys[0]] instanceof Number && json[keys[0]] > 0) {
                        recorded << [json[keys[0]] as long, (json[keys[1]] ?: 0) as long]
                    }
                }
            }
        }
    }
    assert !recorded.isEmpty() : 'no endpoint process was recorded under ' + records
    def sameProcess = { ProcessHandle handle, long startedAt ->
        handle.isAlive() && handle.info().startInstant().map { Math.abs(it.toEpochMilli() - startedAt) <= 2000 }.orElse(false)
    }
    def running = recorded.findAll { record -> ProcessHandle.of(record[0]).map { sameProcess(it, record[1]) }.orElse(false) }
    running.each { record -> ProcessHandle.of(record[0]).ifPresent { it.destroy() } }
    assert running.isEmpty() : 'still running after the case (now stopped): ' + running
    return recorded
}
