package dev.hasten.processor;

/** Qualified names of the DSL annotations the processor reads, in one place. */
final class Names {
  static final String PIPELINE = "dev.hasten.dsl.Pipeline";
  static final String TASK = "dev.hasten.dsl.Task";
  static final String OPTIMIZER = "dev.hasten.dsl.Optimizer";
  static final String SCHEDULE = "dev.hasten.dsl.Schedule";
  static final String SPEEDUP = "dev.hasten.dsl.Speedup";
  static final String RECIPE = "dev.hasten.dsl.Recipe";
  static final String CONFLICTS_WITH = "dev.hasten.dsl.ConflictsWith";
  static final String CONFLICTS_WITH_LIST = "dev.hasten.dsl.ConflictsWith.List";
  static final String SUM_AT_MOST = "dev.hasten.dsl.SumAtMost";
  static final String SUM_AT_MOST_LIST = "dev.hasten.dsl.SumAtMost.List";
  static final String LESS_THAN = "dev.hasten.dsl.LessThan";
  static final String LESS_THAN_LIST = "dev.hasten.dsl.LessThan.List";
  static final String DIVIDES_BATCH_SIZE = "dev.hasten.dsl.DividesBatchSize";
  static final String MODEL = "dev.hasten.dsl.Model";
  static final String TRAIN_DATA = "dev.hasten.dsl.TrainData";
  static final String EVAL_DATA = "dev.hasten.dsl.EvalData";

  /** The class whose annotations are the optimizer and schedule of a pipeline that names none. */
  static final String DEFAULTS = "dev.hasten.dsl.Defaults";

  private Names() {}
}
