package dev.neurite.compiler.javac;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles generated Java sources with the JDK's {@code javax.tools} compiler entirely in memory and loads the
 * classes, so {@code neurite train model.nn} needs no build step and writes no class files.
 *
 * <p>Generated code depends on the Neurite runtime alone, so the classpath is the runtime's location (a jar or
 * a classes folder) plus whatever the caller adds.
 */
public final class InMemoryJavac {

    private InMemoryJavac() {
    }

    /** A source to compile: the fully qualified class name and its Java text. */
    public record Source(String className, String code) {
    }

    /** The compiler rejected the sources; the message lists javac's errors. A bug in Neurite, not the user's. */
    public static final class CompilationFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CompilationFailedException(String message) {
            super(message);
        }
    }

    /** Loaded classes by fully qualified name, and whether their class files came from a {@link ClassCache}. */
    public record Compilation(Map<String, Class<?>> classes, boolean fromCache) {
    }

    /**
     * Compiles {@code sources} with {@code options} (for example {@code -Xlint:all -Werror}) against
     * {@code classpath} and loads the classes in a new loader whose parent is {@code parent}.
     *
     * @return the loaded classes by fully qualified name
     */
    public static Map<String, Class<?>> compile(List<Source> sources, List<Path> classpath, List<String> options,
                                                ClassLoader parent) {
        return load(sources, compileToClassFiles(sources, classpath, options), parent);
    }

    /**
     * Like {@link #compile(List, List, List, ClassLoader)}, but takes the class files from {@code cache} when it
     * holds them for exactly these sources, options and classpath, and stores them there after compiling.
     */
    public static Compilation compile(List<Source> sources, List<Path> classpath, List<String> options,
                                      ClassLoader parent, ClassCache cache) {
        Optional<String> key = ClassCache.key(sources, classpath, options);
        if (key.isPresent()) {
            Optional<Map<String, byte[]>> cached = cache.load(key.get());
            if (cached.isPresent() && cached.get().keySet().containsAll(classNames(sources))) {
                try {
                    return new Compilation(load(sources, cached.get(), parent), true);
                } catch (LinkageError | IllegalStateException damaged) {
                    // A class file the JVM rejects (an entry damaged on disk): compile afresh, which replaces it.
                }
            }
        }
        Map<String, byte[]> classFiles = compileToClassFiles(sources, classpath, options);
        key.ifPresent(k -> cache.store(k, classFiles));
        return new Compilation(load(sources, classFiles, parent), false);
    }

    /** Runs javac; returns every class file it wrote (nested classes too) by binary name. */
    private static Map<String, byte[]> compileToClassFiles(List<Source> sources, List<Path> classpath,
                                                           List<String> options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run Neurite on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classFiles = new HashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        try (JavaFileManager files = new MemoryFileManager(standard, classFiles)) {
            List<String> arguments = new ArrayList<>(options);
            arguments.add("-classpath");
            arguments.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
            List<JavaFileObject> units = sources.stream().map(InMemoryJavac::sourceObject).toList();
            boolean ok = javac.getTask(null, files, diagnostics, arguments, null, units).call();
            if (!ok) {
                StringBuilder message = new StringBuilder("generated code did not compile:");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    message.append(System.lineSeparator()).append(d.getKind()).append(" line ")
                            .append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT));
                }
                throw new CompilationFailedException(message.toString());
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory file manager failed", e);
        }
        Map<String, byte[]> bytes = new HashMap<>();
        classFiles.forEach((name, out) -> bytes.put(name, out.toByteArray()));
        return bytes;
    }

    private static Map<String, Class<?>> load(List<Source> sources, Map<String, byte[]> classFiles,
                                              ClassLoader parent) {
        ClassLoader loader = new MemoryClassLoader(classFiles, parent);
        Map<String, Class<?>> classes = new HashMap<>();
        for (String name : classNames(sources)) {
            try {
                classes.put(name, loader.loadClass(name));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("compiled but cannot load " + name, e);
            }
        }
        return classes;
    }

    private static List<String> classNames(List<Source> sources) {
        return sources.stream().map(Source::className).toList();
    }

    /** Where the classes of {@code type} were loaded from: a jar file or a classes folder. */
    public static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    private static JavaFileObject sourceObject(Source source) {
        URI uri = URI.create("string:///" + source.className().replace('.', '/') + JavaFileObject.Kind.SOURCE.extension);
        return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source.code();
            }
        };
    }

    /** Keeps class files in memory instead of writing them to disk. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> classFiles;

        MemoryFileManager(StandardJavaFileManager delegate, Map<String, ByteArrayOutputStream> classFiles) {
            super(delegate);
            this.classFiles = classFiles;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            URI uri = URI.create("mem:///" + className.replace('.', '/') + kind.extension);
            return new SimpleJavaFileObject(uri, kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    classFiles.put(className, out);
                    return out;
                }
            };
        }
    }

    /** Defines the compiled classes; everything else comes from the parent (the Neurite runtime). */
    private static final class MemoryClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
