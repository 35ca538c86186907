package io.countcast.model.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The distinct cells of a text column, keyed by their bytes in the file, so that a factor of
 * 200,000 rows costs one hash of each cell's bytes and a String per distinct value, not a String
 * per row. A cell is a byte range with its end negative-encoded when it holds doubled quotes (see
 * {@link CsvScanner}); the same text spelled two ways (quoted with doubled quotes, or not) gets
 * two entries here, which {@link CsvTable} merges by their decoded text.
 */
final class CellDictionary {

  private final byte[] bytes;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int[] hashes = new int[16];
  /** Open addressing: entry index + 1, 0 for a free slot; the length is a power of two. */
  private int[] slots = new int[64];
  private int size;

  CellDictionary(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The code (0-based, in order of first sight) of the cell {@code [start, encodedEnd)}. */
  int code(int start, int encodedEnd) {
    int end = encodedEnd >= 0 ? encodedEnd : -encodedEnd - 1;
    int h = encodedEnd >= 0 ? 1 : 2;
    for (int i = start; i < end; i++) {
      h = 31 * h + bytes[i];
    }
    int mask = slots.length - 1;
    for (int s = mix(h) & mask; ; s = (s + 1) & mask) {
      int entry = slots[s] - 1;
      if (entry < 0) {
        return add(s, start, encodedEnd, h);
      }
      if (hashes[entry] == h && (ends[entry] >= 0) == (encodedEnd >= 0)
          && rawEnd(entry) - starts[entry] == end - start && sameBytes(entry, start, end)) {
        return entry;
      }
    }
  }

  private int rawEnd(int entry) {
    return ends[entry] >= 0 ? ends[entry] : -ends[entry] - 1;
  }

  private boolean sameBytes(int entry, int start, int end) {
    int other = starts[entry];
    return Arrays.equals(bytes, other, other + (end - start), bytes, start, end);
  }

  private int add(int slot, int start, int encodedEnd, int hash) {
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    starts[size] = start;
    ends[size] = encodedEnd;
    hashes[size] = hash;
    slots[slot] = size + 1;
    size++;
    if (2 * size > slots.length) {
      rehash();
    }
    return size - 1;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int mask = slots.length - 1;
    for (int e = 0; e < size; e++) {
      int s = mix(hashes[e]) & mask;
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = e + 1;
    }
  }

  private static int mix(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** The decoded text of each entry, by code. */
  String[] texts() {
    String[] out = new String[size];
    for (int e = 0; e < size; e++) {
      out[e] = decode(bytes, starts[e], ends[e]);
    }
    return out;
  }

  /** The text of a cell: UTF-8, with doubled quotes undone when its end is negative-encoded. */
  static String decode(byte[] bytes, int start, int encodedEnd) {
    if (encodedEnd >= 0) {
      return new String(bytes, start, encodedEnd - start, StandardCharsets.UTF_8);
    }
    int end = -encodedEnd - 1;
    return new String(bytes, start, end - start, StandardCharsets.UTF_8).replace("\"\"", "\"");
  }
}
