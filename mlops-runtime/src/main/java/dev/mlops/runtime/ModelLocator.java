package dev.mlops.runtime;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;

/** Finds the {@link Model}: the class named by configuration, else the one {@link ServiceLoader} finds. */
final class ModelLocator {

    static final String CLASS_ENV = "MLOPS_MODEL_CLASS";
    static final String CLASS_PROPERTY = "mlops.model.class";

    private ModelLocator() {}

    /** {@code -Dmlops.model.class} wins over {@code MLOPS_MODEL_CLASS}, as a command-line flag wins elsewhere. */
    static Optional<String> configuredClassName(Properties systemProperties, Map<String, String> env) {
        return Optional.ofNullable(systemProperties.getProperty(CLASS_PROPERTY))
                .or(() -> Optional.ofNullable(env.get(CLASS_ENV)))
                .map(String::trim)
                .filter(name -> !name.isEmpty());
    }

    static Model locate(Optional<String> className, ClassLoader loader) {
        return className.map(name -> instantiate(name, loader)).orElseGet(() -> fromServiceLoader(loader));
    }

    private static Model instantiate(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("model class '" + className + "' (from " + CLASS_ENV + " or -D" + CLASS_PROPERTY
                    + ") is not on the class path; check the name and that the model's jar is in the image", e);
        }
        if (!Model.class.isAssignableFrom(type)) {
            throw new IllegalStateException("model class '" + className + "' does not implement " + Model.class.getName()
                    + "; set " + CLASS_ENV + " to the class that does");
        }
        try {
            return (Model) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("model class '" + className + "' needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the constructor of model class '" + className + "' failed: "
                    + FailureReport.headline(e.getCause()), e.getCause());
        } catch (InstantiationException e) {
            throw new IllegalStateException("model class '" + className + "' is abstract; name a concrete class in "
                    + CLASS_ENV, e);
        }
    }

    private static Model fromServiceLoader(ClassLoader loader) {
        List<ServiceLoader.Provider<Model>> providers = ServiceLoader.load(Model.class, loader).stream().toList();
        if (providers.size() == 1) {
            return providers.get(0).get();
        }
        String how = "set " + CLASS_ENV + " to the fully qualified name of your " + Model.class.getSimpleName()
                + " class, or list it in META-INF/services/" + Model.class.getName();
        if (providers.isEmpty()) {
            throw new IllegalStateException("no implementation of " + Model.class.getName() + " found on the class path; " + how);
        }
        List<String> names = providers.stream().map(p -> p.type().getName()).toList();
        throw new IllegalStateException("found " + names.size() + " implementations of " + Model.class.getName() + ": "
                + String.join(", ", names) + "; set " + CLASS_ENV + " to the one to use");
    }
}
