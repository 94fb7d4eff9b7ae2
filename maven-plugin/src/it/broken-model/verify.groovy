// The build failed on the .nn mistake, reported in javac's file:[line,column] form with a caret snippet.
def log = new File(basedir, 'build.log').text
def source = new File(basedir, 'src/main/nn/classifier.nn').absolutePath

assert log.contains("[ERROR] ${source}:[5,17] ") : "no javac-style diagnostic for ${source}:[5,17]"
assert log.contains('5 |     dense 16 -> reul')
assert log.contains('^^^^')
assert log.contains('Neurite: 1 error in .nn files')
assert !new File(basedir, 'target/generated-sources/neurite/neurite/models/Classifier.java').exists()
