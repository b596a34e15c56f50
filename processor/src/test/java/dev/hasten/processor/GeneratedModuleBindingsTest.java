package dev.hasten.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import com.google.common.io.ByteStreams;
import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Scopes;
import com.google.inject.name.Names;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.HasDependencies;
import com.google.testing.compile.Compilation;
import dev.hasten.processor.fixtures.AnyStageMethod;
import dev.hasten.processor.fixtures.GradientNoiseMethod;
import dev.hasten.runtime.loop.PipelineTrainer;
import dev.hasten.runtime.loop.RunSpec;
import dev.hasten.runtime.optim.LrSchedule;
import dev.hasten.runtime.optim.ParameterUpdater;
import dev.hasten.runtime.speedup.DecoupledWeightDecayMethod;
import dev.hasten.runtime.speedup.EmaMethod;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated module as Guice reads it: its compiled class is loaded and its bindings listed
 * through Guice's own SPI, so a binding Guice would reject (two for one key) shows up here.
 */
class GeneratedModuleBindingsTest {
  private static final String OUTPUT = "CLASS_OUTPUT/";

  @Test
  void speedupsSharingARuntimeClassGetOneNamedBindingEachAndEveryKeyIsBoundOnce() throws Exception {
    Compilation compilation = Compiling.compile("good/EveryStagePipeline.java");
    assertThat(compilation).succeededWithoutWarnings();

    List<Key<?>> keys = boundKeys(load(compilation, "test.EveryStagePipelineModule"));

    assertEquals(Set.copyOf(keys).size(), keys.size(), "a key bound twice: " + keys);
    assertEquals(
        Set.of(
            Key.get(PipelineTrainer.class),
            Key.get(RunSpec.class),
            Key.get(ParameterUpdater.class),
            Key.get(LrSchedule.class),
            Key.get(Block.class, Names.named("model")),
            Key.get(Dataset.class, Names.named("train")),
            Key.get(Dataset.class, Names.named("eval")),
            Key.get(AnyStageMethod.class, Names.named("everyStage")),
            Key.get(AnyStageMethod.class, Names.named("lookahead")),
            Key.get(EmaMethod.class),
            Key.get(GradientNoiseMethod.class)),
        Set.copyOf(keys));
  }

  @Test
  void aRuntimeClassThatTakesRunPartsIsGivenTheModulesOwnSingletonOptimizerAndSchedule()
      throws Exception {
    Compilation compilation = Compiling.compile("good/WithDecoupledWeightDecay.java");
    assertThat(compilation).succeededWithoutWarnings();

    Map<Key<?>, Binding<?>> bindings = new HashMap<>();
    for (Element element :
        Elements.getElements(load(compilation, "test.WithDecoupledWeightDecayModule"))) {
      if (element instanceof Binding<?> binding) {
        bindings.put(binding.getKey(), binding);
      }
    }
    Binding<?> decay = bindings.get(Key.get(DecoupledWeightDecayMethod.class));
    Set<Key<?>> dependencies = new HashSet<>();
    for (Dependency<?> d : ((HasDependencies) decay).getDependencies()) {
      dependencies.add(d.getKey());
    }
    assertEquals(Set.of(Key.get(ParameterUpdater.class), Key.get(LrSchedule.class)), dependencies);
    assertTrue(Scopes.isSingleton(bindings.get(Key.get(ParameterUpdater.class))));
    assertTrue(Scopes.isSingleton(bindings.get(Key.get(LrSchedule.class))));
  }

  private static List<Key<?>> boundKeys(Module module) {
    List<Key<?>> keys = new ArrayList<>();
    for (Element element : Elements.getElements(module)) {
      if (element instanceof Binding<?> binding) {
        keys.add(binding.getKey());
      }
    }
    return keys;
  }

  /** Loads the compilation's classes (generated ones included) and instantiates {@code name}. */
  private static Module load(Compilation compilation, String name) throws Exception {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        // In-memory class files are named /CLASS_OUTPUT/<package path>/<Name>.class.
        String binary = path.substring(path.indexOf(OUTPUT) + OUTPUT.length(), path.length() - 6);
        try (InputStream in = file.openInputStream()) {
          classes.put(binary.replace('/', '.'), ByteStreams.toByteArray(in));
        }
      }
    }
    ClassLoader loader =
        new ClassLoader(GeneratedModuleBindingsTest.class.getClassLoader()) {
          @Override
          protected Class<?> findClass(String className) throws ClassNotFoundException {
            byte[] bytes = classes.get(className);
            if (bytes == null) {
              throw new ClassNotFoundException(className);
            }
            return defineClass(className, bytes, 0, bytes.length);
          }
        };
    return (Module) loader.loadClass(name).getConstructor().newInstance();
  }
}
