package dev.hasten.runtime.loop;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Standard error, captured for each test of a class that registers it ({@code @RegisterExtension
 * final CapturedErr err = new CapturedErr();}): what a run says there (a checkpoint passed over and
 * why) is part of what the tests check.
 */
final class CapturedErr implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private PrintStream real;

  @Override
  public void beforeEach(ExtensionContext context) {
    bytes.reset();
    real = System.err;
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setErr(real);
  }

  /** What was written to standard error since the test began. */
  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
