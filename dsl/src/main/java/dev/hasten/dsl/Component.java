package dev.hasten.dsl;

/** The part of training a speedup changes (the paper's taxonomy). */
public enum Component {
  DATA,
  MODEL,
  OPTIMIZATION,
  OBJECTIVE,
  SYSTEM
}
