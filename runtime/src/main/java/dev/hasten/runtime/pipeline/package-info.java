/**
 * A compiled pipeline class read back at run time into the rule model of {@code
 * dev.hasten.dsl.rules} that the processor built it from, so that the tools which look at a
 * pipeline ({@code hasten doctor}, {@code hasten methods}, the model export) see its speedups as
 * the generated loop does: the same ones in effect, in the same order.
 *
 * <p>Entry point: {@link dev.hasten.runtime.pipeline.PipelineSpeedups#of(Class)}.
 */
package dev.hasten.runtime.pipeline;
