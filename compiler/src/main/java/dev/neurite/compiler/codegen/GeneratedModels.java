package dev.neurite.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import dev.neurite.compiler.ir.Model;
import dev.neurite.compiler.ir.Program;
import dev.neurite.compiler.javac.ClassCache;
import dev.neurite.compiler.javac.InMemoryJavac;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.model.AbstractModel;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated classes of a checked {@link Program}: as Java source files (for {@code neurite compile} and the
 * Maven plugin) or compiled in memory and ready to instantiate (for {@code neurite train} and tests).
 */
public final class GeneratedModels {

    /** The package of generated classes when the user names none. */
    public static final String DEFAULT_PACKAGE = "neurite.models";

    /** Generated code depends on the Neurite runtime alone. */
    private static final List<Path> RUNTIME = List.of(InMemoryJavac.locationOf(AbstractModel.class));
    /** Generated code must compile without a single warning. */
    private static final List<String> OPTIONS = List.of("-Xlint:all", "-Werror");

    private GeneratedModels() {
    }

    /** One Java file per model of {@code program}, in declaration order. */
    public static List<JavaFile> sources(Program program, String packageName) {
        List<JavaFile> files = new ArrayList<>();
        for (Model model : program.models()) {
            files.add(ModelGenerator.generate(model, program.sourceHash(), packageName));
        }
        return files;
    }

    /**
     * Generates every model of {@code program}, compiles the sources in memory with {@code -Xlint:all -Werror}
     * against the Neurite runtime, and returns a factory per model name.
     */
    public static Map<String, Factory> compile(Program program) {
        Map<String, Class<?>> classes = InMemoryJavac.compile(javaSources(program), RUNTIME, OPTIONS,
                AbstractModel.class.getClassLoader());
        return factories(program, classes, false);
    }

    /**
     * Like {@link #compile(Program)}, but takes the class files from {@code cache} when it holds them for exactly
     * these sources, and stores them there otherwise.
     */
    public static Map<String, Factory> compile(Program program, ClassCache cache) {
        InMemoryJavac.Compilation compilation = InMemoryJavac.compile(javaSources(program), RUNTIME, OPTIONS,
                AbstractModel.class.getClassLoader(), cache);
        return factories(program, compilation.classes(), compilation.fromCache());
    }

    private static List<InMemoryJavac.Source> javaSources(Program program) {
        List<InMemoryJavac.Source> sources = new ArrayList<>();
        for (JavaFile file : sources(program, DEFAULT_PACKAGE)) {
            sources.add(new InMemoryJavac.Source(file.packageName() + "." + file.typeSpec().name(),
                    file.toString()));
        }
        return sources;
    }

    private static Map<String, Factory> factories(Program program, Map<String, Class<?>> classes, boolean fromCache) {
        Map<String, Factory> factories = new LinkedHashMap<>();
        for (Model model : program.models()) {
            Class<?> type = classes.get(DEFAULT_PACKAGE + "." + model.name());
            factories.put(model.name(), new Factory(type.asSubclass(AbstractModel.class), fromCache));
        }
        return factories;
    }

    /** Creates instances of one compiled model class. */
    public static final class Factory {
        private final Class<? extends AbstractModel> type;
        private final boolean fromCache;

        Factory(Class<? extends AbstractModel> type, boolean fromCache) {
            this.type = type;
            this.fromCache = fromCache;
        }

        public Class<? extends AbstractModel> type() {
            return type;
        }

        /** Whether the class was loaded from a {@link ClassCache} instead of compiled now. */
        public boolean fromCache() {
            return fromCache;
        }

        /** A new model on {@code backend} for batches of up to {@code maxBatch}, initialised from {@code seed}. */
        public AbstractModel create(Backend backend, int maxBatch, long seed) {
            try {
                Constructor<? extends AbstractModel> constructor =
                        type.getConstructor(Backend.class, int.class, long.class);
                return constructor.newInstance(backend, maxBatch, seed);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("generated class " + type.getName() + " has no usable constructor",
                        e);
            }
        }
    }
}
