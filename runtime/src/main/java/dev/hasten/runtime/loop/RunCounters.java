package dev.hasten.runtime.loop;

import ai.djl.ndarray.NDArray;

/**
 * The counters of a {@link Run} that a checkpoint saves and a resumed run starts from.
 *
 * @param step steps taken
 * @param totalSteps steps of the whole scheduled run
 * @param epochEndPending whether the epoch's steps are done but its end (hooks, evaluation) is not
 * @param lossCount training losses summed since the last read
 * @param lossSum their sum, on the device
 * @param trainNanos training time so far
 * @param lastLr the last step's learning rate
 * @param lastTestAcc the last evaluation's accuracy
 * @param bestTestAcc the best evaluation's accuracy
 * @param lastTestLoss the last evaluation's loss
 * @param bestTestLoss the lowest evaluation loss
 * @param lastEvaluatedStep the step of the last evaluation
 * @param metricsBytes the length of metrics.jsonl when the checkpoint was written
 * @param trainedTokens a language model's tokens trained so far (fewer than steps · batch · T when
 *     a speedup truncated windows); 0 for an image model
 */
record RunCounters(
    long step,
    long totalSteps,
    boolean epochEndPending,
    int lossCount,
    NDArray lossSum,
    long trainNanos,
    double lastLr,
    double lastTestAcc,
    double bestTestAcc,
    double lastTestLoss,
    double bestTestLoss,
    long lastEvaluatedStep,
    long metricsBytes,
    long trainedTokens) {}
