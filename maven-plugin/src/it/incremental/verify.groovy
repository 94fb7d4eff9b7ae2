// Each of the three builds logged what the plugin did; their logs are in build.log in order.
def log = new File(basedir, 'build.log').text
def generated = new File(basedir, 'target/generated-sources/neurite/neurite/models')

def first = log.indexOf('Neurite: 2 of 2 .nn files regenerated (0 up to date)')
def second = log.indexOf('Neurite: 0 of 2 .nn files regenerated (2 up to date)')
def third = log.indexOf('Neurite: 0 of 1 .nn file regenerated (1 up to date, 1 stale file removed)')
assert first >= 0 : 'first build did not generate both models'
assert second > first : 'second build regenerated something although nothing changed'
assert third > second : 'third build did not remove the class of the deleted line.nn'

assert !new File(basedir, 'src/main/nn/line.nn').exists()
assert !new File(generated, 'Line.java').exists()
assert new File(generated, 'Xor.java').exists()
assert new File(basedir, 'target/classes/neurite/models/Xor.class').exists()
