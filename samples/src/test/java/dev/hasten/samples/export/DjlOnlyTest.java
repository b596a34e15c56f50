package dev.hasten.samples.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.modality.cv.translator.ImageClassificationTranslator;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.Translator;
import dev.hasten.runtime.Hasten;
import dev.hasten.runtime.RunOptions;
import dev.hasten.runtime.export.Evaluation;
import dev.hasten.runtime.export.EvaluationData;
import dev.hasten.runtime.export.HastenModel;
import dev.hasten.samples.FashionBaseline;
import dev.hasten.samples.catalog.SmallSubset;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone with the model folder and DJL: after {@code HastenModel.load}, everything below uses
 * DJL's API only (its Image, translator, predictor and the model's artifacts and properties), and
 * gets the class probabilities of the logits Hasten's evaluation computes for the same images.
 */
class DjlOnlyTest {
  @TempDir Path tmp;

  @Test
  void djlAlonePredictsWithTheLoadedModel() throws Exception {
    Path data = SmallSubset.copyTo(tmp.resolve("data"), 100);
    Path run = tmp.resolve("run");
    Hasten.train(
        FashionBaseline.class,
        RunOptions.defaults().withData(data).withOut(run).withMaxSteps(3).withProgressBar(false));
    List<Path> pngs = TestPngs.cut(data, 4, tmp);
    float[] logits;
    try (Model model = HastenModel.load(run);
        NDManager manager = NDManager.newBaseManager()) {
      logits =
          Evaluation.of(
                  model, EvaluationData.idx(data).split(HastenModel.description(model), manager))
              .logits();
    }

    try (Model model = HastenModel.load(run.resolve("model"))) {
      // DJL only from here on.
      float mean = Float.parseFloat(model.getProperty("hasten.mean"));
      float std = Float.parseFloat(model.getProperty("hasten.std"));
      Translator<Image, Classifications> translator =
          ImageClassificationTranslator.builder()
              .optFlag(Image.Flag.GRAYSCALE)
              .addTransform(new ToTensor())
              .addTransform(x -> x.sub(mean).div(std))
              .optSynsetArtifactName("synset.txt")
              .optApplySoftmax(true)
              .build();
      try (Predictor<Image, Classifications> predictor = model.newPredictor(translator)) {
        for (int i = 0; i < pngs.size(); i++) {
          Image image = ImageFactory.getInstance().fromFile(pngs.get(i));
          Classifications c = predictor.predict(image);
          double[] expected = softmax(logits, i * 10);
          for (Classifications.Classification item : c.items()) {
            int k = c.getClassNames().indexOf(item.getClassName());
            assertEquals(
                expected[k],
                item.getProbability(),
                1e-5,
                "image " + i + ", " + item.getClassName());
          }
          assertEquals("Ankle boot", c.getClassNames().get(9));
        }
      }
    }
  }

  private static double[] softmax(float[] logits, int from) {
    double[] out = new double[10];
    double sum = 0;
    for (int k = 0; k < 10; k++) {
      out[k] = Math.exp(logits[from + k]);
      sum += out[k];
    }
    for (int k = 0; k < 10; k++) {
      out[k] /= sum;
    }
    return out;
  }
}
