// The help goal lists the generate goal with its parameters and their documentation.
def log = new File(basedir, 'build.log').text
assert log.contains('neurite:generate')
assert log.contains('packageName')
assert log.contains('The Java package of every generated class')
assert log.contains('Default: neurite.models') || log.contains('Default value is: neurite.models')
