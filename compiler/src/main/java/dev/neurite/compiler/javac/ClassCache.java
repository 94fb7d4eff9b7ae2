package dev.neurite.compiler.javac;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Class files compiled before, kept on disk by a key over everything that determines them, so that a model
 * trained again skips javac (0.6-1 s of a 1-1.5 s start-up). The key hashes the sources, the javac options, the
 * running JDK's version and the size and modification time of every classpath entry (the Neurite runtime's
 * jar): any change compiles afresh. An entry is one jar of class files, written atomically.
 *
 * <p>The cache is only ever an optimisation: an entry that cannot be read is compiled again and rewritten, and a
 * directory that cannot be written is silently not used. It keeps the {@value #MAX_ENTRIES} entries used most
 * recently (a hit marks its entry used): every build of Neurite changes every key, so old entries would otherwise
 * pile up.
 */
public final class ClassCache {

    /** The system property that overrides the cache directory (tests set it). */
    private static final String DIRECTORY_PROPERTY = "neurite.cache.dir";
    /** The environment variable that overrides the cache directory, below the system property. */
    private static final String DIRECTORY_VARIABLE = "NEURITE_CACHE_DIR";
    /** The system property that makes every lookup miss, so that everything is compiled and stored afresh. */
    private static final String REFRESH_PROPERTY = "neurite.cache.refresh";
    /** Entries kept; storing more deletes the least recently used ones. A few kB each. */
    static final int MAX_ENTRIES = 256;
    /** Bumped when the entry format or the key's parts change. */
    private static final String FORMAT = "neurite-class-cache-1";

    private final Path directory;
    private final boolean refresh;

    private ClassCache(Path directory, boolean refresh) {
        this.directory = directory;
        this.refresh = refresh;
    }

    /** A cache of entries in {@code directory}, created when the first entry is stored. */
    public static ClassCache in(Path directory) {
        return new ClassCache(directory, false);
    }

    /** A cache in the same directory that never finds an entry but still stores what is compiled. */
    public ClassCache refreshing() {
        return new ClassCache(directory, true);
    }

    /**
     * The user's cache: {@code -Dneurite.cache.dir}, else {@code $NEURITE_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/neurite/classes}, else {@code ~/.cache/neurite/classes}; {@link #refreshing()} when
     * {@code -Dneurite.cache.refresh=true} (the launcher's class-data-sharing run, which must load javac).
     */
    public static ClassCache standard() {
        ClassCache cache = in(standardDirectory());
        return Boolean.getBoolean(REFRESH_PROPERTY) ? cache.refreshing() : cache;
    }

    private static Path standardDirectory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY, System.getenv(DIRECTORY_VARIABLE));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("neurite").resolve("classes");
    }

    /**
     * The key of compiling {@code sources} with {@code options} against {@code classpath}, or empty when a
     * classpath entry is a folder (its contents can change without a cheap sign, so nothing is cached).
     */
    static Optional<String> key(List<InMemoryJavac.Source> sources, List<Path> classpath, List<String> options) {
        MessageDigest digest = sha256();
        update(digest, FORMAT);
        update(digest, Runtime.version().toString());
        options.forEach(option -> update(digest, option));
        for (Path entry : classpath) {
            if (!Files.isRegularFile(entry)) {
                return Optional.empty();
            }
            try {
                update(digest, entry.toAbsolutePath().toString());
                update(digest, Long.toString(Files.size(entry)));
                update(digest, Long.toString(Files.getLastModifiedTime(entry).toMillis()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        for (InMemoryJavac.Source source : sources) {
            update(digest, source.className());
            update(digest, source.code());
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }

    /** The class files stored under {@code key} by binary name, or empty when there are none or they are unreadable. */
    Optional<Map<String, byte[]>> load(String key) {
        Path entry = entry(key);
        if (refresh || !Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(entry))) {
            for (ZipEntry file; (file = in.getNextEntry()) != null; ) {
                String name = file.getName();
                if (!name.endsWith(".class")) {
                    return Optional.empty();
                }
                classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (classes.isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | SecurityException e) {
            // a read-only cache still serves its entries; they just age
        }
        return Optional.of(classes);
    }

    /**
     * Stores {@code classes} (class files by binary name) under {@code key}: written to a file of this process's
     * own and renamed, so that a reader never sees half an entry. Not forced to disk: an entry lost or torn by a
     * crash reads as missing, which only costs one compilation.
     */
    void store(String key, Map<String, byte[]> classes) {
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + key + ".", ".tmp");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temporary))) {
                for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                    out.putNextEntry(new ZipEntry(c.getKey().replace('.', '/') + ".class"));
                    out.write(c.getValue());
                    out.closeEntry();
                }
            }
            Files.move(temporary, entry(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            prune();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not writable (read-only home, full disk): the next run compiles again, which is all it costs.
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** Deletes the least recently used entries beyond {@link #MAX_ENTRIES}. */
    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(directory)) {
            entries = files.filter(f -> f.getFileName().toString().endsWith(".jar")).collect(Collectors.toList());
        }
        if (entries.size() <= MAX_ENTRIES) {
            return;
        }
        Map<Path, FileTime> used = new HashMap<>();
        for (Path entry : entries) {
            try {
                used.put(entry, Files.getLastModifiedTime(entry));
            } catch (IOException e) {
                used.put(entry, FileTime.fromMillis(0)); // gone or unreadable: first to go
            }
        }
        entries.sort(Comparator.comparing(used::get));
        for (Path entry : entries.subList(0, entries.size() - MAX_ENTRIES)) {
            deleteQuietly(entry);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temporary file in the cache directory is harmless
            }
        }
    }

    private Path entry(String key) {
        return directory.resolve(key + ".jar");
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        // The length first, so that no two different lists of parts hash the same bytes.
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
