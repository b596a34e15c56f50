package dev.hasten.dsl.rules;

/**
 * A speedup applied to a pipeline, written on it or carried by one of its recipes.
 *
 * @param declaration what the speedup's type declares
 * @param annotation the annotation with its values; its source is where the values are written (the
 *     pipeline, or the recipe type)
 * @param recipe the recipe it came from, or {@code null} when written on the pipeline
 */
public record SpeedupUse(
    SpeedupDeclaration declaration, AnnotationUse annotation, RecipeOrigin recipe) {

  public String simpleName() {
    return declaration.simpleName();
  }

  public boolean fromRecipe() {
    return recipe != null;
  }

  /**
   * Where this pipeline asks for the speedup: its own annotation, or the recipe annotation that
   * carries it. Problems about combining it with the pipeline are reported here.
   */
  public Object site() {
    return recipe == null ? annotation.source() : recipe.site();
  }

  /** {@code "@Ema"}, or {@code "@Ema (from @MildRecipe)"} for a recipe's speedup. */
  public String label() {
    return recipe == null
        ? "@" + simpleName()
        : "@" + simpleName() + " (from @" + recipe.simpleName() + ")";
  }
}
