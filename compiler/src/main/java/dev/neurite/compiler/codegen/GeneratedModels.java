package dev.neurite.compiler.codegen;

import com.palantir.javapoet.JavaFile;
import dev.neurite.compiler.ir.Model;
import dev.neurite.compiler.ir.Program;
import dev.neurite.compiler.javac.InMemoryJavac;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.model.AbstractModel;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
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
        List<InMemoryJavac.Source> sources = new ArrayList<>();
        for (JavaFile file : sources(program, DEFAULT_PACKAGE)) {
            sources.add(new InMemoryJavac.Source(file.packageName() + "." + file.typeSpec().name(),
                    file.toString()));
        }
        Map<String, Class<?>> classes = InMemoryJavac.compile(sources,
                List.of(InMemoryJavac.locationOf(AbstractModel.class)), List.of("-Xlint:all", "-Werror"),
                AbstractModel.class.getClassLoader());
        Map<String, Factory> factories = new LinkedHashMap<>();
        for (Model model : program.models()) {
            Class<?> type = classes.get(DEFAULT_PACKAGE + "." + model.name());
            factories.put(model.name(), new Factory(type.asSubclass(AbstractModel.class)));
        }
        return factories;
    }

    /** Creates instances of one compiled model class. */
    public static final class Factory {
        private final Class<? extends AbstractModel> type;

        Factory(Class<? extends AbstractModel> type) {
            this.type = type;
        }

        public Class<? extends AbstractModel> type() {
            return type;
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
