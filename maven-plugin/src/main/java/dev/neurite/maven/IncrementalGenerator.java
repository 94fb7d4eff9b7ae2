package dev.neurite.maven;

import com.palantir.javapoet.JavaFile;
import dev.neurite.compiler.CheckResult;
import dev.neurite.compiler.Frontend;
import dev.neurite.compiler.codegen.GeneratedModels;
import dev.neurite.compiler.diag.Diagnostic;
import dev.neurite.compiler.ir.Model;
import dev.neurite.compiler.ir.Program;
import org.apache.maven.plugin.logging.Log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The work of the {@code generate} goal without Maven's plumbing: finds the {@code .nn} files, compiles the new
 * and changed ones into Java sources (and smoke tests), deletes what was generated from files that are gone, and
 * logs diagnostics. Files are only written when their text changes, so an unchanged model keeps its timestamp and
 * javac's incremental build is not disturbed.
 */
final class IncrementalGenerator {

    private final GenerationSettings settings;
    private final Log log;
    private final DiagnosticLog diagnostics;

    IncrementalGenerator(GenerationSettings settings, Log log) {
        this.settings = settings;
        this.log = log;
        this.diagnostics = new DiagnosticLog(log);
    }

    GenerationSummary run() {
        Map<String, Path> sources = findSources();
        BuildState state = BuildState.read(settings.stateFile(), settings.fingerprint());
        int removed = removeOrphans(state, sources.keySet());

        // Which source each output belongs to, to catch two files declaring the same model name.
        Map<Path, String> owners = new HashMap<>();
        int regenerated = 0;
        int upToDate = 0;
        int errors = 0;
        for (Map.Entry<String, Path> source : sources.entrySet()) {
            String name = source.getKey();
            byte[] bytes = read(source.getValue());
            String sha256 = BuildState.sha256(bytes);
            if (state.isUpToDate(name, sha256)) {
                upToDate++;
                errors += claim(owners, name, state.entry(name).outputs());
                continue;
            }
            Compiled compiled = compile(name, source.getValue(), bytes);
            if (compiled.errors() > 0) {
                errors += compiled.errors();
                // No hash: the next build checks the file again even if unchanged. The old outputs stay
                // listed so that they are deleted once the file compiles again and no longer generates them.
                BuildState.Entry previous = state.entry(name);
                state.put(name, "", previous == null ? List.of() : previous.outputs());
                continue;
            }
            regenerated++;
            List<Path> outputs = List.copyOf(compiled.files().keySet());
            int clashes = claim(owners, name, outputs);
            if (clashes > 0) {
                errors += clashes;
                continue;
            }
            compiled.files().forEach((path, file) -> writeIfChanged(path, file.toString()));
            deleteAll(without(state.entry(name), outputs));
            state.put(name, sha256, outputs);
        }
        state.write(settings.stateFile());
        return new GenerationSummary(sources.size(), regenerated, upToDate, removed, errors);
    }

    // ------------------------------------------------------------------ finding sources

    /** The {@code .nn} files to compile, by path relative to the source directory (with '/'), sorted. */
    private Map<String, Path> findSources() {
        Path root = settings.sourceDirectory();
        Map<String, Path> sources = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return sources;
        }
        PathPatterns includes = new PathPatterns(settings.includes());
        PathPatterns excludes = new PathPatterns(settings.excludes());
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (includes.matchesAny(relative) && !excludes.matchesAny(relative)) {
                    sources.put(relative, file);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return sources;
    }

    // ------------------------------------------------------------------ compiling one file

    /** One {@code .nn} file's generated files by the path each goes to, or its number of errors. */
    private record Compiled(Map<Path, JavaFile> files, int errors) {
    }

    /** Checks one {@code .nn} file, logs its diagnostics and, when it has no errors, generates its classes. */
    private Compiled compile(String name, Path file, byte[] bytes) {
        CheckResult result = check(name, file, bytes);
        diagnostics.report(file, result.source(), result.diagnostics());
        if (result.hasErrors()) {
            return new Compiled(Map.of(), (int) result.diagnostics().stream().filter(Diagnostic::isError).count());
        }
        Program program = result.program();
        Map<Path, JavaFile> files = new LinkedHashMap<>();
        for (JavaFile model : GeneratedModels.sources(program, settings.packageName())) {
            files.put(pathOf(settings.outputDirectory(), model), model);
        }
        if (settings.generateTests()) {
            for (Model model : program.models()) {
                JavaFile test = SmokeTests.generate(model, settings.packageName());
                files.put(pathOf(settings.testOutputDirectory(), test), test);
            }
        }
        log.debug("Neurite: " + name + " gives " + files.size() + " generated files");
        return new Compiled(files, 0);
    }

    /**
     * Checks the file under its name relative to the source directory, so that generated code does not depend on
     * where the project lives. A file that is not UTF-8 is read by the front end itself, which reports the bad
     * byte.
     */
    private static CheckResult check(String name, Path file, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return Frontend.check(name, text);
        } catch (CharacterCodingException e) {
            try {
                return Frontend.check(file);
            } catch (IOException unreadable) {
                throw new UncheckedIOException("cannot read " + file, unreadable);
            }
        }
    }

    private static Path pathOf(Path root, JavaFile file) {
        return root.resolve(file.packageName().replace('.', '/')).resolve(file.typeSpec().name() + ".java");
    }

    /**
     * Records that {@code source} generates {@code outputs}; logs an error and returns 1 for each model class
     * another source already generates (two files declaring a model of the same name). A clashing model's smoke
     * test clashes along with its class and is not reported a second time.
     */
    private int claim(Map<Path, String> owners, String source, List<Path> outputs) {
        int clashes = 0;
        for (Path output : outputs) {
            String owner = owners.putIfAbsent(output, source);
            if (owner != null && output.startsWith(settings.outputDirectory())) {
                String model = output.getFileName().toString().replaceFirst("\\.java$", "");
                log.error(settings.sourceDirectory().resolve(source).toAbsolutePath() + ": model " + model
                        + " is declared in " + owner + " too: every model needs a name of its own within package "
                        + settings.packageName() + "; rename one of them");
                clashes++;
            }
        }
        return clashes;
    }

    // ------------------------------------------------------------------ files on disk

    private static void writeIfChanged(Path path, String text) {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(path) && Arrays.equals(Files.readAllBytes(path), bytes)) {
                return;
            }
            Files.createDirectories(path.getParent());
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** Deletes what was generated from sources that no longer exist (or are now excluded); returns the count. */
    private int removeOrphans(BuildState state, Set<String> sources) {
        int removed = 0;
        for (String source : List.copyOf(state.sources())) {
            if (!sources.contains(source)) {
                List<Path> outputs = state.entry(source).outputs();
                removed += deleteAll(outputs);
                state.remove(source);
                log.info("Neurite: " + source + " is gone; removed " + outputs.size()
                        + (outputs.size() == 1 ? " file" : " files") + " generated from it");
            }
        }
        return removed;
    }

    private static List<Path> without(BuildState.Entry entry, List<Path> keep) {
        if (entry == null) {
            return List.of();
        }
        Set<Path> kept = new HashSet<>(keep);
        return entry.outputs().stream().filter(path -> !kept.contains(path)).toList();
    }

    private static int deleteAll(List<Path> paths) {
        int deleted = 0;
        for (Path path : paths) {
            try {
                if (Files.deleteIfExists(path)) {
                    deleted++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path, e);
            }
        }
        return deleted;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
