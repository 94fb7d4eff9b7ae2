package dev.neurite.maven;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the last {@code generate} run produced, kept in a small properties file under {@code target}: for each
 * {@code .nn} file its SHA-256 and the Java files generated from it, and a fingerprint of everything else the
 * output depends on (plugin version, package, output folders). A file whose hash and fingerprint are unchanged
 * and whose outputs still exist is up to date and is not compiled again.
 */
final class BuildState {

    private static final String FINGERPRINT = "fingerprint";
    private static final String HASH = ".sha256";
    private static final String OUTPUTS = ".outputs";

    /** One {@code .nn} file's entry: its content hash and the files generated from it. */
    record Entry(String sha256, List<Path> outputs) {
        Entry {
            outputs = List.copyOf(outputs);
        }
    }

    private final String fingerprint;
    private final Map<String, Entry> entries;

    private BuildState(String fingerprint, Map<String, Entry> entries) {
        this.fingerprint = fingerprint;
        this.entries = entries;
    }

    /** A state with no entries, for a first build or after the fingerprint changed. */
    static BuildState empty(String fingerprint) {
        return new BuildState(fingerprint, new TreeMap<>());
    }

    /**
     * Reads the state file; a missing file, or one written with another fingerprint, gives an empty state, so
     * every source is generated again.
     */
    static BuildState read(Path file, String fingerprint) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return empty(fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        BuildState state = new BuildState(properties.getProperty(FINGERPRINT, ""), new TreeMap<>());
        for (String key : properties.stringPropertyNames()) {
            if (key.endsWith(HASH)) {
                String source = key.substring(0, key.length() - HASH.length());
                List<Path> outputs = new ArrayList<>();
                for (String output : properties.getProperty(source + OUTPUTS, "").split("\n")) {
                    if (!output.isEmpty()) {
                        outputs.add(Path.of(output));
                    }
                }
                state.entries.put(source, new Entry(properties.getProperty(key), outputs));
            }
        }
        return state.fingerprint.equals(fingerprint) ? state : withAllOutputs(state, fingerprint);
    }

    /**
     * A state under a new fingerprint keeps the old outputs only so that they can be deleted when their source
     * is gone; no entry is up to date because every hash is cleared.
     */
    private static BuildState withAllOutputs(BuildState old, String fingerprint) {
        BuildState state = empty(fingerprint);
        old.entries.forEach((source, entry) -> state.entries.put(source, new Entry("", entry.outputs())));
        return state;
    }

    /** True when {@code source} was generated from exactly {@code sha256} and its outputs are all still there. */
    boolean isUpToDate(String source, String sha256) {
        Entry entry = entries.get(source);
        return entry != null && entry.sha256().equals(sha256) && entry.outputs().stream().allMatch(Files::isRegularFile);
    }

    Entry entry(String source) {
        return entries.get(source);
    }

    /** Sources the state knows, relative to the source directory, sorted. */
    Set<String> sources() {
        return entries.keySet();
    }

    void put(String source, String sha256, List<Path> outputs) {
        entries.put(source, new Entry(sha256, outputs));
    }

    void remove(String source) {
        entries.remove(source);
    }

    void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty(FINGERPRINT, fingerprint);
        entries.forEach((source, entry) -> {
            properties.setProperty(source + HASH, entry.sha256());
            properties.setProperty(source + OUTPUTS,
                    String.join("\n", entry.outputs().stream().map(Path::toString).toList()));
        });
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "Neurite generate: .nn sources and the files generated from them");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** SHA-256 of {@code bytes}, lower-case hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
