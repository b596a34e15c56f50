/**
 * One small interface per loop stage ({@code dev.hasten.dsl.Stage}). A speedup's runtime class
 * implements the interfaces of the stages it declares; the generated loop calls them directly.
 */
package dev.hasten.runtime.loop.stage;
