package dev.hasten.runtime;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash Hasten names things by: a model folder's checksums, a tokenizer's and a
 * text's identity in checkpoints, an image cache's key. Every Java runtime has it, so its absence
 * is an error of the runtime, not of the input.
 */
public final class Sha256 {
  private Sha256() {}

  /** A fresh digest, for input read in parts. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The SHA-256 of {@code bytes}, 64 lower-case hex digits. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }
}
