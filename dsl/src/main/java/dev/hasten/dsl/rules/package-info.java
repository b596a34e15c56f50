/**
 * The rules that decide whether a pipeline's speedups fit together and fit the model and data, over
 * a small model of "a pipeline and its speedups" that holds only plain values.
 *
 * <p>One set of rules, two readers: the annotation processor builds a {@link
 * dev.hasten.dsl.rules.PipelineModel} from what javac sees and reports each {@link
 * dev.hasten.dsl.rules.Problem} on the exact annotation value; the runtime reads a compiled
 * pipeline's speedups into the same records by reflection ({@code
 * dev.hasten.runtime.pipeline.PipelineSpeedups}), so that its tools see the speedups in effect in
 * the generated loop's order. Each model object carries an opaque {@code source} handle that only
 * its builder understands, so that a problem can be mapped back to a place. Nothing here depends on
 * {@code javax.lang.model}.
 *
 * <p>Entry points: {@link dev.hasten.dsl.rules.Rules#check(PipelineModel)} for a pipeline, {@link
 * dev.hasten.dsl.rules.Rules#checkDeclaration(SpeedupDeclaration, AnnotationUse)} for a speedup
 * type on its own, and {@link dev.hasten.dsl.rules.Speedups} for the speedups in effect and their
 * loop order.
 */
package dev.hasten.dsl.rules;
