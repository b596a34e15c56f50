package dev.hasten.dsl.rules;

/**
 * A method of the pipeline marked {@code @Model}, {@code @TrainData} or {@code @EvalData}. A method
 * with two such annotations appears once per role.
 *
 * @param name the method's name
 * @param role what it provides
 * @param returnType the return type as written, for messages
 * @param returnTypeFits whether the return type is (a subtype of) {@link Role#requiredType()}
 * @param isPrivate whether it is private
 * @param isStatic whether it is static
 * @param source the method
 * @param roleSource the annotation that gives it its role
 */
public record MemberMethod(
    String name,
    Role role,
    String returnType,
    boolean returnTypeFits,
    boolean isPrivate,
    boolean isStatic,
    Object source,
    Object roleSource) {}
