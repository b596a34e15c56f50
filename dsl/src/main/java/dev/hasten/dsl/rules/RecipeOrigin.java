package dev.hasten.dsl.rules;

/**
 * The recipe a speedup came from.
 *
 * @param qualifiedName the recipe annotation type's canonical name
 * @param site the recipe annotation on the pipeline
 */
public record RecipeOrigin(String qualifiedName, Object site) {
  public String simpleName() {
    return Format.simpleName(qualifiedName);
  }
}
