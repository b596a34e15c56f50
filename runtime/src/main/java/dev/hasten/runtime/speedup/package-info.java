/**
 * The runtime classes of the built-in speedups, one class per method. Each implements the stage
 * interfaces of {@code dev.hasten.runtime.loop.stage} that its annotation's {@code stages} name,
 * and has two public constructors: one taking its annotation (what the generated loop uses) and one
 * taking plain values (for tests and programmatic use).
 *
 * <p>Shared conventions: every array a method makes during a step belongs to the step's manager
 * (the loop closes it each step); every random draw comes from {@code Step.random(purpose)}, so a
 * run is reproducible and resumes exactly; the tensor arithmetic of each method is exposed as a
 * small static method so that it can be checked by hand.
 */
package dev.hasten.runtime.speedup;
