package dev.hasten.runtime.export;

import ai.djl.nn.Block;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.hasten.dsl.Model;
import dev.hasten.dsl.Speedup;
import dev.hasten.runtime.InvalidInputException;
import dev.hasten.runtime.export.ModelDescription.ModelSource;
import dev.hasten.runtime.export.ModelDescription.SurgeryStep;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.loop.stage.ModelSurgery;
import dev.hasten.runtime.model.Models;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Builds the Block a {@link ModelDescription} describes, uninitialised: the model before surgery (a
 * {@link Models} catalog call, or the pipeline's own {@code @Model} method), each model surgery of
 * the run replayed in the loop's order by the speedup's own runtime class, then the {@link
 * InferenceForm}. The training run built its model the same way up to the inference form, so the
 * trees have the same parameters in the same order.
 */
final class Architecture {
  private Architecture() {}

  /**
   * The Block of {@code description}, uninitialised.
   *
   * @throws InvalidInputException if a class it needs is not on the class path of {@code loader}
   */
  static Block build(ModelDescription description, ClassLoader loader) {
    Block model = base(description, loader);
    return InferenceForm.of(withSurgery(model, description.surgery(), spec(description), loader));
  }

  /** {@code model} after each of {@code surgery}, replayed by the speedups' runtime classes. */
  static Block withSurgery(
      Block model, java.util.List<SurgeryStep> surgery, RunSpec spec, ClassLoader loader) {
    for (SurgeryStep step : surgery) {
      model = surgery(step, loader).apply(model, spec);
    }
    return model;
  }

  /** The facts of the run a surgery may read: its input and its classes. */
  private static RunSpec spec(ModelDescription d) {
    RunSpec.Builder spec =
        RunSpec.builder()
            .setPipeline(d.pipeline())
            .setClasses(d.classNames().size())
            .optSpeedups(d.speedups().toArray(new String[0]));
    if (d.isLanguageModel()) {
      spec.optSequenceLength(d.tokens().sequenceLength());
    } else {
      spec.setImageShape(d.channels(), d.height(), d.width());
    }
    return spec.build();
  }

  private static Block base(ModelDescription d, ClassLoader loader) {
    ModelSource source = d.source();
    return source.isCatalog()
        ? catalog(source.catalogMethod(), source.catalogArguments())
        : pipelineModel(d.pipeline(), loader);
  }

  /** {@code new Models().method(arguments…)}. */
  static Block catalog(String name, JsonArray arguments) {
    for (Method method : Models.class.getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == arguments.size()) {
        Class<?>[] types = method.getParameterTypes();
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
          values[i] = argument(types[i], arguments.get(i));
        }
        return (Block) invoke(method, new Models(), values);
      }
    }
    throw new InvalidInputException(
        "the model catalog has no " + name + " of " + arguments.size() + " arguments");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object argument(Class<?> type, JsonElement value) {
    if (type == int.class) {
      return value.getAsInt();
    }
    if (type == double.class) {
      return value.getAsDouble();
    }
    if (type.isEnum()) {
      return Enum.valueOf((Class) type, value.getAsString());
    }
    throw new IllegalArgumentException("a catalog argument of type " + type + " is not supported");
  }

  /** The pipeline's {@code @Model} method, its parameters injected as the generated module does. */
  private static Block pipelineModel(String pipeline, ClassLoader loader) {
    Class<?> type =
        PipelineClasses.find(pipeline, loader)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "this model's Block is built by "
                            + pipeline
                            + "'s own @Model method, and that class is not on the class path:"
                            + " add the jar that holds it"));
    // The pipeline's own or one it inherits: a subclass's override is called in its place.
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (!method.isAnnotationPresent(Model.class)) {
          continue;
        }
        Injector injector = Guice.createInjector();
        Object[] values = new Object[method.getParameterCount()];
        for (int i = 0; i < values.length; i++) {
          values[i] = injector.getInstance(method.getParameterTypes()[i]);
        }
        method.setAccessible(true);
        return (Block) invoke(method, injector.getInstance(type), values);
      }
    }
    throw new InvalidInputException(pipeline + " has no @Model method to build the model with");
  }

  /** The runtime class of a surgery speedup, made from the annotation's values. */
  private static ModelSurgery surgery(SurgeryStep step, ClassLoader loader) {
    Class<? extends Annotation> type;
    try {
      type = Class.forName(step.annotation(), true, loader).asSubclass(Annotation.class);
    } catch (ClassNotFoundException e) {
      throw new InvalidInputException(
          "this model was changed by the speedup @"
              + step.annotation()
              + ", which is not on the class path: add the jar that holds it");
    }
    Annotation annotation = AnnotationValues.fromJson(type, step.values());
    String implementation = type.getAnnotation(Speedup.class).implementedBy();
    try {
      Class<?> method = Class.forName(implementation, true, loader);
      Object instance;
      try {
        Constructor<?> c = method.getConstructor(type);
        instance = c.newInstance(annotation);
      } catch (NoSuchMethodException e) {
        instance = method.getConstructor().newInstance();
      }
      return (ModelSurgery) instance;
    } catch (InvocationTargetException e) {
      throw rethrow(e.getCause());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new InvalidInputException(
          "cannot replay the model surgery of @" + type.getSimpleName() + ": " + e);
    }
  }

  private static Object invoke(Method method, Object target, Object[] values) {
    try {
      return method.invoke(target, values);
    } catch (InvocationTargetException e) {
      throw rethrow(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + method, e);
    }
  }

  private static RuntimeException rethrow(Throwable cause) {
    return cause instanceof RuntimeException
        ? (RuntimeException) cause
        : new IllegalStateException(cause);
  }
}
