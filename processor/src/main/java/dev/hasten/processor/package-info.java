/**
 * The annotation processor, in the order of its flow:
 *
 * <ul>
 *   <li>reading: {@link dev.hasten.processor.PipelineReader}, {@link
 *       dev.hasten.processor.SpeedupReader} and {@link dev.hasten.processor.AnnotationReader} turn
 *       javax elements into the pure rule model of {@code dev.hasten.dsl.rules}, with a {@link
 *       dev.hasten.processor.Site} as each object's source handle;
 *   <li>validating and reporting: {@code dev.hasten.dsl.rules.Rules} finds the problems, {@link
 *       dev.hasten.processor.Reporter} prints each on its exact annotation value;
 *   <li>writing, only when there was no error: {@link dev.hasten.processor.PlanBuilder} resolves
 *       the model into a {@link dev.hasten.processor.TrainerPlan}, which {@link
 *       dev.hasten.processor.TrainerWriter} and {@link dev.hasten.processor.ModuleWriter} format
 *       with JavaPoet; {@link dev.hasten.processor.PipelineIndex} lists the pipelines.
 * </ul>
 *
 * <p>{@link dev.hasten.processor.PipelineProcessor} ties the steps together.
 */
package dev.hasten.processor;
