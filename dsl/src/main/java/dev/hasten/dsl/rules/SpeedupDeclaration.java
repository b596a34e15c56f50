package dev.hasten.dsl.rules;

import dev.hasten.dsl.Component;
import dev.hasten.dsl.Effect;
import dev.hasten.dsl.Requirement;
import dev.hasten.dsl.Stage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a speedup annotation type declares about itself: its {@code @Speedup} facts, its cross-value
 * checks and the runtime class that implements it.
 *
 * @param qualifiedName the annotation type's canonical name
 * @param implementedBy the runtime class's name as written in {@code @Speedup(implementedBy)}
 * @param implementation that class, or {@code null} if no class has that name
 * @param component the part of training it changes
 * @param effect how it saves compute
 * @param requires requirements that must all be met
 * @param requiresAnyOf requirements of which one must be met (empty: no such condition)
 * @param exclusive the named slots it claims
 * @param stages where it acts in the loop
 * @param cost a known cost, or the empty string
 * @param conflicts the {@code @ConflictsWith} it declares
 * @param sums the {@code @SumAtMost} checks it declares
 * @param orders the {@code @LessThan} checks it declares
 * @param dividesBatchSize members named by {@code @DividesBatchSize}
 * @param retainedAtRuntime whether the annotation type has {@code @Retention(RUNTIME)}
 * @param source the annotation type's {@code @Speedup} when the type is being compiled now, so that
 *     its own faults are reported there; {@code null} for a type from a library, whose faults are
 *     reported where a pipeline uses it
 */
public record SpeedupDeclaration(
    String qualifiedName,
    String implementedBy,
    Implementation implementation,
    Component component,
    Effect effect,
    List<Requirement> requires,
    List<Requirement> requiresAnyOf,
    List<String> exclusive,
    List<Stage> stages,
    String cost,
    List<Conflict> conflicts,
    List<SumCheck> sums,
    List<OrderCheck> orders,
    List<String> dividesBatchSize,
    boolean retainedAtRuntime,
    Object source) {

  /** The slot every speedup acting at {@link Stage#STEP} claims: one rule replaces the update. */
  public static final String STEP_SLOT = "optimizer-step";

  public SpeedupDeclaration {
    requires = List.copyOf(requires);
    requiresAnyOf = List.copyOf(requiresAnyOf);
    exclusive = List.copyOf(exclusive);
    stages = List.copyOf(stages);
    conflicts = List.copyOf(conflicts);
    sums = List.copyOf(sums);
    orders = List.copyOf(orders);
    dividesBatchSize = List.copyOf(dividesBatchSize);
  }

  public String simpleName() {
    return Format.simpleName(qualifiedName);
  }

  /** The declared slots, plus {@link #STEP_SLOT} for a speedup that acts at {@code STEP}. */
  public Set<String> slots() {
    Set<String> slots = new LinkedHashSet<>(exclusive);
    if (stages.contains(Stage.STEP)) {
      slots.add(STEP_SLOT);
    }
    return slots;
  }

  /** {@code @ConflictsWith(value = other, reason = reason)}. */
  public record Conflict(String other, String reason) {}

  /** {@code @SumAtMost(members, max)}. */
  public record SumCheck(List<String> members, double max) {
    public SumCheck {
      members = List.copyOf(members);
    }
  }

  /** {@code @LessThan(lower, upper)}. */
  public record OrderCheck(String lower, String upper) {}
}
