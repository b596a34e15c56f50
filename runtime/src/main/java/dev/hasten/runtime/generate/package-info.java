/**
 * Text from a trained language model: {@link dev.hasten.runtime.generate.TextGenerator} extends a
 * prompt token by token, each drawn by a {@link dev.hasten.runtime.generate.TokenSampler}
 * (temperature and top-k) from the logits of the model's last position, the model seeing at most
 * the window it was trained on. {@link dev.hasten.runtime.generate.ModelLogits} runs an exported
 * model ({@code HastenModel.load}) for it.
 */
package dev.hasten.runtime.generate;
