package dev.hasten.dsl.rules;

/**
 * A method of the pipeline marked {@code @Model}, {@code @TrainData} or {@code @EvalData}, declared
 * by the pipeline class or inherited from one of its superclasses. A method with two such
 * annotations appears once per role; a method a subclass overrides is read where it is overridden,
 * with the annotations written there (as in Java, an override does not inherit them).
 *
 * @param name the method's name
 * @param role what it provides
 * @param returnType the return type as written, for messages
 * @param returnTypeFits whether the return type is (a subtype of) {@link Role#requiredType()}
 * @param isPrivate whether it is private
 * @param isStatic whether it is static
 * @param source the method
 * @param roleSource the annotation that gives it its role
 * @param inheritedFrom the superclass that declares it (canonical name), or {@code null} when the
 *     pipeline class itself does
 * @param packageOnly the declaring superclass's package when only code in that package can call the
 *     method (it is not public, and the superclass is in another package than the pipeline, where
 *     the generated module is), else {@code null}
 */
public record MemberMethod(
    String name,
    Role role,
    String returnType,
    boolean returnTypeFits,
    boolean isPrivate,
    boolean isStatic,
    Object source,
    Object roleSource,
    String inheritedFrom,
    String packageOnly) {

  /** A method the pipeline class declares itself. */
  public MemberMethod(
      String name,
      Role role,
      String returnType,
      boolean returnTypeFits,
      boolean isPrivate,
      boolean isStatic,
      Object source,
      Object roleSource) {
    this(
        name,
        role,
        returnType,
        returnTypeFits,
        isPrivate,
        isStatic,
        source,
        roleSource,
        null,
        null);
  }

  public boolean inherited() {
    return inheritedFrom != null;
  }

  /** {@code train()}, or {@code BaseData.train()} for an inherited method. */
  public String label() {
    return inherited() ? Format.simpleName(inheritedFrom) + "." + name + "()" : name + "()";
  }
}
