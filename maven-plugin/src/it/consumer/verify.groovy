// The consumer built: the generated model and its smoke test compiled, and both tests ran and passed.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/generated-sources/neurite/com/example/models/Xor.java').exists()
assert new File(basedir, 'target/generated-test-sources/neurite/com/example/models/XorSmokeTest.java').exists()
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* in com.example.XorTrainingTest/
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* in com.example.models.XorSmokeTest/
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') : 'expected the training test and the smoke test'
