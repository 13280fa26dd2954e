// the case is its own git repository with one commit (the clone sits inside the plugin's checkout,
// whose history must not count)
def git = { String... args ->
    def process = (['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false'] + args.toList())
            .execute(null, basedir)
    def out = process.text
    assert process.waitFor() == 0 : 'git ' + args.join(' ') + ': ' + out + process.err.text
}
git('init', '-q', '.')
new File(basedir, '.gitignore').text = 'target/\nstore/\n'
git('add', '.')
git('commit', '-q', '-m', 'fix: the first model')
return true
