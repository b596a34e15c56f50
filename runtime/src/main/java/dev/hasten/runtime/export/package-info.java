/**
 * The trained model taken away: a run's {@code model/} folder in DJL's format with its description
 * ({@link dev.hasten.runtime.export.ModelExporter}, {@link dev.hasten.runtime.export.RunExport} at
 * a run's end, {@link dev.hasten.runtime.export.CheckpointExport} from a checkpoint), and loading
 * it back as a plain DJL {@code Model} with a predictor whose translator preprocesses as training
 * did ({@link dev.hasten.runtime.export.HastenModel}).
 *
 * <p>A language model's folder describes token windows instead of images ({@link
 * dev.hasten.runtime.export.ModelInput}); {@code dev.hasten.runtime.generate} samples text from it.
 *
 * <p>The folder holds no code: the Block is built again from the description (a catalog call or the
 * pipeline's {@code @Model} method, the run's model surgery replayed, then the evaluation form of
 * {@code InferenceForm}) and the parameters are loaded into it by DJL.
 */
package dev.hasten.runtime.export;
