package dev.neurite.compiler.javac;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link InMemoryJavac} with a {@link ClassCache}: hits skip javac, anything else compiles afresh. */
class ClassCacheTest {

    private static final List<String> OPTIONS = List.of("-Xlint:all", "-Werror");

    @TempDir
    Path dir;

    private static List<InMemoryJavac.Source> answer(int value) {
        return List.of(new InMemoryJavac.Source("cached.Answer",
                "package cached; public final class Answer { public static int value() { return " + value + "; } }"));
    }

    private static int value(InMemoryJavac.Compilation compilation) throws ReflectiveOperationException {
        return (int) compilation.classes().get("cached.Answer").getMethod("value").invoke(null);
    }

    private InMemoryJavac.Compilation compile(List<InMemoryJavac.Source> sources, List<Path> classpath,
                                              ClassCache cache) {
        return InMemoryJavac.compile(sources, classpath, OPTIONS, getClass().getClassLoader(), cache);
    }

    private List<Path> entries() throws IOException {
        if (!Files.isDirectory(dir.resolve("cache"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            return files.toList();
        }
    }

    @Test
    void theSecondCompilationOfTheSameSourcesIsLoadedFromTheCache() throws Exception {
        ClassCache cache = ClassCache.in(dir.resolve("cache"));
        InMemoryJavac.Compilation first = compile(answer(42), List.of(), cache);
        assertFalse(first.fromCache());
        assertEquals(42, value(first));
        assertEquals(1, entries().size());

        InMemoryJavac.Compilation second = compile(answer(42), List.of(), cache);
        assertTrue(second.fromCache());
        assertEquals(42, value(second));
    }

    @Test
    void changedSourcesOrOptionsCompileAfresh() throws Exception {
        ClassCache cache = ClassCache.in(dir.resolve("cache"));
        compile(answer(1), List.of(), cache);
        InMemoryJavac.Compilation changed = compile(answer(2), List.of(), cache);
        assertFalse(changed.fromCache());
        assertEquals(2, value(changed));
        InMemoryJavac.Compilation otherOptions = InMemoryJavac.compile(answer(2), List.of(), List.of("-g"),
                getClass().getClassLoader(), cache);
        assertFalse(otherOptions.fromCache());
        assertEquals(3, entries().size());
    }

    @Test
    void aChangedClasspathJarCompilesAfresh() throws Exception {
        ClassCache cache = ClassCache.in(dir.resolve("cache"));
        Path jar = dir.resolve("lib.jar");
        writeZip(jar, Map.of("first.txt", new byte[0]));
        compile(answer(7), List.of(jar), cache);
        assertTrue(compile(answer(7), List.of(jar), cache).fromCache());
        writeZip(jar, Map.of("first.txt", new byte[0], "second.txt", new byte[0]));
        assertFalse(compile(answer(7), List.of(jar), cache).fromCache());
    }

    private static void writeZip(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }

    @Test
    void aClassesFolderOnTheClasspathIsNeverCached() throws Exception {
        ClassCache cache = ClassCache.in(dir.resolve("cache"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        compile(answer(3), List.of(classes), cache);
        assertFalse(compile(answer(3), List.of(classes), cache).fromCache());
        assertEquals(List.of(), entries());
    }

    @Test
    void aCorruptEntryIsCompiledAgainAndReplaced() throws Exception {
        ClassCache cache = ClassCache.in(dir.resolve("cache"));
        compile(answer(5), List.of(), cache);
        Path entry = entries().get(0);
        Files.write(entry, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});

        InMemoryJavac.Compilation recompiled = compile(answer(5), List.of(), cache);
        assertFalse(recompiled.fromCache());
        assertEquals(5, value(recompiled));
        assertTrue(compile(answer(5), List.of(), cache).fromCache());
    }

    @Test
    void anEntryWhoseClassFileTheJvmRejectsIsCompiledAgain() throws Exception {
        ClassCache cache = ClassCache.in(dir.resolve("cache"));
        compile(answer(6), List.of(), cache);
        writeZip(entries().get(0), Map.of("cached/Answer.class", new byte[] {(byte) 0xca, (byte) 0xfe, 0, 0}));
        InMemoryJavac.Compilation recompiled = compile(answer(6), List.of(), cache);
        assertFalse(recompiled.fromCache());
        assertEquals(6, value(recompiled));
        assertTrue(compile(answer(6), List.of(), cache).fromCache());
    }

    @Test
    void aRefreshingCacheCompilesAgainAndStoresForTheNextRun() throws Exception {
        ClassCache cache = ClassCache.in(dir.resolve("cache"));
        compile(answer(11), List.of(), cache);
        assertFalse(compile(answer(11), List.of(), cache.refreshing()).fromCache());
        assertFalse(compile(answer(12), List.of(), cache.refreshing()).fromCache());
        assertTrue(compile(answer(12), List.of(), cache).fromCache());
    }

    @Test
    void theLeastRecentlyUsedEntriesBeyondTheLimitAreDeleted() throws Exception {
        Path cacheDir = dir.resolve("cache");
        ClassCache cache = ClassCache.in(cacheDir);
        compile(answer(1), List.of(), cache);
        Path used = entries().get(0);
        Files.createDirectories(cacheDir);
        for (int i = 0; i < ClassCache.MAX_ENTRIES; i++) {
            Path stale = Files.writeString(cacheDir.resolve(String.format("stale-%03d.jar", i)), "old");
            Files.setLastModifiedTime(stale, FileTime.fromMillis(1_000_000L + i * 1000L));
        }
        // Stored before all the stale ones, but used since: a hit marks it used.
        Files.setLastModifiedTime(used, FileTime.fromMillis(1_000L));
        assertTrue(compile(answer(1), List.of(), cache).fromCache());

        compile(answer(2), List.of(), cache);

        assertEquals(ClassCache.MAX_ENTRIES, entries().size());
        assertTrue(Files.exists(used));
        assertFalse(Files.exists(cacheDir.resolve("stale-000.jar")));
        assertFalse(Files.exists(cacheDir.resolve("stale-001.jar")));
        assertTrue(Files.exists(cacheDir.resolve("stale-002.jar")));
        assertTrue(compile(answer(2), List.of(), cache).fromCache());
    }

    @Test
    void anUnwritableCacheOnlyCostsTheCompilation() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "in the way");
        ClassCache cache = ClassCache.in(notADirectory);
        assertEquals(9, value(compile(answer(9), List.of(), cache)));
        assertFalse(compile(answer(9), List.of(), cache).fromCache());
    }
}
