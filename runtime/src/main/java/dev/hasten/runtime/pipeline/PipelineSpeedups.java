package dev.hasten.runtime.pipeline;

import dev.hasten.dsl.Recipe;
import dev.hasten.dsl.Speedup;
import dev.hasten.dsl.Stage;
import dev.hasten.dsl.rules.RecipeOrigin;
import dev.hasten.dsl.rules.SpeedupUse;
import dev.hasten.dsl.rules.Speedups;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

/**
 * The speedups in effect on a compiled pipeline class, in the order its generated loop calls them.
 *
 * <p>The class's annotations are read into the rule model's {@link SpeedupUse}s as the processor
 * reads them from source (the recipes' speedups in recipe order, then the pipeline's own in the
 * order written), and {@link Speedups} decides which are in effect and their loop order: so a
 * speedup written on the pipeline replaces the recipe's, and within a stage the speedups that make
 * steps cheaper come first, whatever the order they were written in. Every tool that names a
 * pipeline's speedups at run time reads them here.
 */
public final class PipelineSpeedups {
  private final List<SpeedupUse> inLoopOrder;

  private PipelineSpeedups(List<SpeedupUse> inLoopOrder) {
    this.inLoopOrder = List.copyOf(inLoopOrder);
  }

  /** The speedups of {@code pipeline}, a class annotated {@code @Pipeline}. */
  public static PipelineSpeedups of(Class<?> pipeline) {
    List<SpeedupUse> fromRecipes = new ArrayList<>();
    List<SpeedupUse> own = new ArrayList<>();
    for (Annotation a : pipeline.getDeclaredAnnotations()) {
      Class<? extends Annotation> type = a.annotationType();
      if (type.isAnnotationPresent(Speedup.class)) {
        own.add(use(a, null));
      } else if (type.isAnnotationPresent(Recipe.class)) {
        RecipeOrigin origin = new RecipeOrigin(type.getCanonicalName(), a);
        for (Annotation inRecipe : type.getDeclaredAnnotations()) {
          if (inRecipe.annotationType().isAnnotationPresent(Speedup.class)) {
            fromRecipes.add(use(inRecipe, origin));
          }
        }
      }
    }
    List<SpeedupUse> all = new ArrayList<>(fromRecipes);
    all.addAll(own);
    return new PipelineSpeedups(Speedups.loopOrder(Speedups.effective(all)));
  }

  private static SpeedupUse use(Annotation annotation, RecipeOrigin recipe) {
    return new SpeedupUse(
        SpeedupDeclarations.of(annotation.annotationType()), AnnotationUses.of(annotation), recipe);
  }

  /**
   * The speedups in effect, in loop order. Each one's {@code annotation().source()} is the {@link
   * Annotation} instance its values come from (on the pipeline, or on the recipe type), and a
   * recipe's {@code site()} is the recipe annotation on the pipeline.
   */
  public List<SpeedupUse> inLoopOrder() {
    return inLoopOrder;
  }

  /** The annotations of the speedups in effect, in loop order. */
  public List<Annotation> annotations() {
    return inLoopOrder.stream().map(u -> (Annotation) u.annotation().source()).toList();
  }

  /** The annotation types of the speedups in effect, in loop order. */
  public List<Class<? extends Annotation>> types() {
    return annotations().stream()
        .<Class<? extends Annotation>>map(Annotation::annotationType)
        .toList();
  }

  /**
   * Simple names of the speedups in effect, in loop order, as the run's {@code RunSpec} has them.
   */
  public List<String> names() {
    return inLoopOrder.stream().map(SpeedupUse::simpleName).toList();
  }

  /**
   * Simple names of the speedups acting at {@code stage}, in the order the loop calls them there.
   */
  public List<String> at(Stage stage) {
    return Speedups.at(stage, inLoopOrder).stream().map(SpeedupUse::simpleName).toList();
  }

  /** Whether a speedup of {@code type} is in effect. */
  public boolean contains(Class<? extends Annotation> type) {
    return types().contains(type);
  }
}
