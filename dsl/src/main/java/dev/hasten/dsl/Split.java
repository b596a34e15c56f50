package dev.hasten.dsl;

/** Which part of a data set. */
public enum Split {
  TRAIN,
  TEST
}
