package dev.neurite.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@code generate} run works on, resolved from the mojo's parameters.
 *
 * @param sourceDirectory     where the {@code .nn} files are
 * @param includes            patterns of the files to compile, relative to {@code sourceDirectory}
 * @param excludes            patterns of files to leave out
 * @param outputDirectory     root of the generated model classes
 * @param testOutputDirectory root of the generated smoke tests, or {@code null} to generate none
 * @param packageName         package of every generated class
 * @param stateFile           where the up-to-date information is kept between builds
 * @param pluginVersion       the plugin's version (with a build stamp for a SNAPSHOT): a new one regenerates
 *                            everything
 */
record GenerationSettings(Path sourceDirectory, List<String> includes, List<String> excludes, Path outputDirectory,
                          Path testOutputDirectory, String packageName, Path stateFile, String pluginVersion) {

    GenerationSettings {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    boolean generateTests() {
        return testOutputDirectory != null;
    }

    /** Everything besides a source's own text that its generated files depend on. */
    String fingerprint() {
        return "plugin=" + pluginVersion + ";package=" + packageName + ";output=" + outputDirectory.toAbsolutePath()
                + ";tests=" + (testOutputDirectory == null ? "none" : testOutputDirectory.toAbsolutePath());
    }
}
