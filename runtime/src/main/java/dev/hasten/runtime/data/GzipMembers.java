package dev.hasten.runtime.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip stream (RFC 1952) read strictly: one or more members, each with its CRC-32 and length
 * checked, and nothing after the last. {@link java.util.zip.GZIPInputStream} ignores whatever
 * follows a member when it is not another member, so a file with garbage appended would be accepted
 * silently; here that garbage is an error naming how many bytes it is.
 */
final class GzipMembers extends InputStream {
  private static final int ID1 = 0x1f;
  private static final int ID2 = 0x8b;
  private static final int DEFLATE = 8;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xe0;

  private final InputStream in;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] buffer;
  private int position;
  private int end;
  private long memberSize;
  private boolean finished;

  /** Reads the first member's header from {@code in}, which must start with one. */
  GzipMembers(InputStream in, int bufferSize) throws IOException {
    this.in = in;
    this.buffer = new byte[bufferSize];
    if (readByte() != ID1 || readByte() != ID2) {
      throw new ZipException("not in gzip format");
    }
    readHeaderAfterMagic();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : Byte.toUnsignedInt(one[0]);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!finished) {
      if (inflater.needsInput()) {
        if (position == end && !fill()) {
          throw new EOFException("the gzip stream ends early");
        }
        inflater.setInput(buffer, position, end - position);
        position = end;
      }
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (DataFormatException e) {
        throw new ZipException("invalid deflate data: " + e.getMessage());
      }
      if (n > 0) {
        crc.update(b, off, n);
        memberSize += n;
        return n;
      }
      if (inflater.finished()) {
        position = end - inflater.getRemaining();
        checkTrailer();
        startNextMemberOrFinish();
      } else if (inflater.needsDictionary()) {
        throw new ZipException("the deflate data asks for a preset dictionary");
      }
    }
    return -1;
  }

  private void checkTrailer() throws IOException {
    long storedCrc = readLittleEndianInt();
    long storedSize = readLittleEndianInt();
    if (storedCrc != crc.getValue()) {
      throw new ZipException("CRC-32 mismatch: the data is damaged");
    }
    if (storedSize != (memberSize & 0xffff_ffffL)) {
      throw new ZipException("length mismatch: the data is damaged");
    }
  }

  /** Another member may follow (as {@code cat a.gz b.gz} makes); anything else is an error. */
  private void startNextMemberOrFinish() throws IOException {
    int b1 = readByte();
    if (b1 < 0) {
      finished = true;
      return;
    }
    int b2 = readByte();
    if (b1 != ID1 || b2 != ID2) {
      long trailing =
          (b2 < 0 ? 1 : 2) + (end - position) + in.transferTo(OutputStream.nullOutputStream());
      position = end;
      throw new ZipException(
          trailing + " bytes follow the end of the gzip data (trailing garbage)");
    }
    readHeaderAfterMagic();
    inflater.reset();
    crc.reset();
    memberSize = 0;
  }

  private void readHeaderAfterMagic() throws IOException {
    if (requireByte() != DEFLATE) {
      throw new ZipException("unsupported gzip compression method");
    }
    int flags = requireByte();
    if ((flags & RESERVED) != 0) {
      throw new ZipException("reserved gzip header flags are set");
    }
    for (int i = 0; i < 6; i++) { // modification time, extra flags, operating system
      requireByte();
    }
    if ((flags & FEXTRA) != 0) {
      int length = requireByte() | (requireByte() << 8);
      for (int i = 0; i < length; i++) {
        requireByte();
      }
    }
    if ((flags & FNAME) != 0) {
      skipZeroTerminated();
    }
    if ((flags & FCOMMENT) != 0) {
      skipZeroTerminated();
    }
    if ((flags & FHCRC) != 0) {
      requireByte();
      requireByte();
    }
  }

  private void skipZeroTerminated() throws IOException {
    while (requireByte() != 0) {
      // skip
    }
  }

  private long readLittleEndianInt() throws IOException {
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value |= ((long) requireByte()) << (8 * i);
    }
    return value;
  }

  private int requireByte() throws IOException {
    int b = readByte();
    if (b < 0) {
      throw new EOFException("the gzip stream ends early");
    }
    return b;
  }

  private int readByte() throws IOException {
    if (position == end && !fill()) {
      return -1;
    }
    return Byte.toUnsignedInt(buffer[position++]);
  }

  /** Refills the buffer once the inflater has taken all of it; false at the end of the input. */
  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    while (n == 0) {
      n = in.read(buffer, 0, buffer.length);
    }
    if (n < 0) {
      return false;
    }
    position = 0;
    end = n;
    return true;
  }

  /** Frees the inflater's native memory; the underlying stream is its owner's to close. */
  @Override
  public void close() {
    inflater.end();
  }
}
