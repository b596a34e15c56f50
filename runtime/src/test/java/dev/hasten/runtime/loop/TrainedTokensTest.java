package dev.hasten.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The tokens a checkpoint says its run trained, including checkpoints written before the count. */
class TrainedTokensTest {
  private static JsonObject manifest(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  @Test
  void aCheckpointsCountIsReadAsWritten() {
    assertEquals(
        160,
        RunCheckpoint.trainedTokens(
            manifest(
                "{\"step\":4,\"batch_size\":4,\"sequence_length\":16,\"trained_tokens\":160}")));
  }

  /** Without a count, 3 steps of 4 windows of 16 tokens: 3 · 4 · 16 = 192. */
  @Test
  void anOlderLanguageCheckpointCountsItsWindowsWhole() {
    assertEquals(
        192,
        RunCheckpoint.trainedTokens(
            manifest("{\"step\":3,\"batch_size\":4,\"sequence_length\":16}")));
  }

  @Test
  void anImageCheckpointTrainedNoTokens() {
    assertEquals(0, RunCheckpoint.trainedTokens(manifest("{\"step\":3,\"batch_size\":4}")));
  }
}
