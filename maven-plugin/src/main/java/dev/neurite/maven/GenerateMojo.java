package dev.neurite.maven;

import dev.neurite.compiler.codegen.GeneratedModels;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import javax.lang.model.SourceVersion;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates a Java class for every model declared in the project's {@code .nn} files, and adds the folder they
 * are written to as a source root so that the project's own code compiles against them.
 *
 * <p>The goal is incremental: a {@code .nn} file whose content is unchanged since the last build (and was built
 * by the same plugin version with the same settings) is not compiled again, and the classes generated from a
 * {@code .nn} file that was deleted are deleted too. Errors in a {@code .nn} file fail the build; each is logged
 * as {@code /path/to/file.nn:[line,column] message}, followed by the line with a caret under the spot.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /** The folder that holds the {@code .nn} files. A missing folder means there is nothing to generate. */
    @Parameter(property = "neurite.sourceDirectory", defaultValue = "${project.basedir}/src/main/nn",
            required = true)
    private File sourceDirectory;

    /** Where the generated model classes go; it is added to the project's compile source roots. */
    @Parameter(property = "neurite.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/neurite", required = true)
    private File outputDirectory;

    /**
     * The Java package of every generated class. Each model becomes the class {@code packageName.ModelName}, so
     * model names must be unique across the project's {@code .nn} files.
     */
    @Parameter(property = "neurite.packageName", defaultValue = GeneratedModels.DEFAULT_PACKAGE, required = true)
    private String packageName;

    /** Patterns of the files to compile, relative to {@link #sourceDirectory}. Default: {@code **}{@code /*.nn}. */
    @Parameter
    private List<String> includes;

    /** Patterns of files under {@link #sourceDirectory} to leave out. Default: none. */
    @Parameter
    private List<String> excludes;

    /** Skips the goal: nothing is generated and no source root is added. */
    @Parameter(property = "neurite.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Also generates a JUnit 5 smoke test per model ({@code ModelNameSmokeTest}) that builds the model on one CPU
     * thread, runs a forward pass and a training step on seeded random data and checks the output shape and that
     * the loss is finite. The project then needs {@code org.junit.jupiter:junit-jupiter} as a test dependency.
     */
    @Parameter(property = "neurite.generateTests", defaultValue = "false")
    private boolean generateTests;

    /** Where the smoke tests go when {@link #generateTests} is on; it is added to the test source roots. */
    @Parameter(property = "neurite.testOutputDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/neurite", required = true)
    private File testOutputDirectory;

    /** Where the goal remembers what it generated from which file, to work incrementally. */
    @Parameter(defaultValue = "${project.build.directory}/neurite/generate-state.properties", readonly = true,
            required = true)
    private File stateFile;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Neurite: skipped (neurite.skip)");
            return;
        }
        if (!SourceVersion.isName(packageName)) {
            throw new MojoFailureException("Neurite: packageName \"" + packageName
                    + "\" is not a Java package name; use dot-separated identifiers such as com.example.models");
        }
        GenerationSettings settings = new GenerationSettings(sourceDirectory.toPath(),
                includes == null || includes.isEmpty() ? List.of("**/*.nn") : includes,
                excludes == null ? List.of() : excludes,
                outputDirectory.toPath(), generateTests ? testOutputDirectory.toPath() : null, packageName,
                stateFile.toPath(), generatorVersion());
        GenerationSummary summary;
        try {
            summary = new IncrementalGenerator(settings, getLog()).run();
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("Neurite: " + e.getMessage() + ": " + e.getCause().getMessage(), e);
        }

        project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        if (generateTests) {
            project.addTestCompileSourceRoot(testOutputDirectory.getAbsolutePath());
        }
        if (summary.errors() > 0) {
            throw new MojoFailureException("Neurite: " + summary.errors()
                    + (summary.errors() == 1 ? " error" : " errors") + " in .nn files under " + sourceDirectory
                    + "; see the messages above");
        }
        getLog().info(summary.describe());
    }

    /**
     * The plugin's version, for up-to-date checks. A SNAPSHOT keeps its version while its code changes, so for
     * one the newest modification time of its SNAPSHOT jars (or class folders, in a reactor build) is added: a
     * rebuilt compiler regenerates every model.
     */
    private String generatorVersion() throws MojoExecutionException {
        String version = plugin.getVersion();
        if (!version.endsWith("-SNAPSHOT")) {
            return version;
        }
        List<Artifact> artifacts = new ArrayList<>(plugin.getArtifacts());
        artifacts.add(plugin.getPluginArtifact());
        long newest = 0;
        for (Artifact artifact : artifacts) {
            if (artifact.isSnapshot() && artifact.getFile() != null) {
                newest = Math.max(newest, newestModification(artifact.getFile().toPath()));
            }
        }
        return version + "@" + newest;
    }

    private static long newestModification(Path file) throws MojoExecutionException {
        try (Stream<Path> files = Files.walk(file)) {
            long newest = 0;
            for (Path each : (Iterable<Path>) files::iterator) {
                newest = Math.max(newest, Files.getLastModifiedTime(each).toMillis());
            }
            return newest;
        } catch (IOException e) {
            throw new MojoExecutionException("Neurite: cannot read the plugin's own files at " + file, e);
        }
    }
}
