package misuse;

import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import com.example.fashion.GaussianNoise;
import dev.hasten.dsl.*;
import dev.hasten.runtime.data.Datasets;
import dev.hasten.runtime.model.Models;

@Pipeline(epochs = 2, batchSize = 128)
@ImageClassification(channels = 1, height = 28, width = 28, classes = 10)
@Sgd(lr = 0.05)
@GaussianNoise(std = 3.0)
public class TooMuchNoise {
  @Model
  Block model(Models models) {
    return models.baselineCnn(10);
  }

  @TrainData
  Dataset train(Datasets data) {
    return data.fashionMnist(Split.TRAIN);
  }
}
