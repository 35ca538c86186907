package io.countcast.model;

import java.util.stream.IntStream;

/**
 * Row loops split into fixed chunks that may run on two threads without changing any result.
 *
 * <p>Chunk bounds depend only on n, each chunk writes its partial sums into its own slot, and the
 * slots are added in chunk order afterwards. A sum is therefore bit-for-bit the same whether the
 * chunks ran on one thread or several, in whatever order the scheduler picked. Large passes run
 * on the common fork-join pool (the calling thread takes part, so with its default parallelism of
 * cores − 1 a 2-core machine uses both cores); small ones stay on the calling thread, because
 * forking costs more than it saves there and the operator's many small fits should not queue on
 * a shared pool.
 */
final class RowChunks {

  /** Rows per chunk: big enough to amortise a task, small enough to balance 2 threads at 200k. */
  static final int CHUNK_ROWS = 8192;
  /** What a logarithm or exponential costs, in multiply-adds, for the work estimates. */
  static final long LOG_WORK = 24;
  /** Passes with fewer multiply-adds than this (n × work per row) run on the calling thread. */
  private static final long PARALLEL_WORK = 1L << 21;

  private RowChunks() {
  }

  /** The body of a pass over rows [from, to), writing its partial sums at out[at..at+width). */
  @FunctionalInterface
  interface Pass {
    void run(int from, int to, double[] out, int at);
  }

  /**
   * Runs {@code pass} over all n rows and returns the {@code width} sums it accumulates, each
   * added over chunks in chunk order.
   *
   * @param workPerRow rough multiply-adds per row, to decide whether forking pays
   */
  static double[] sum(int n, int width, long workPerRow, Pass pass) {
    int chunks = Math.max(1, (n + CHUNK_ROWS - 1) / CHUNK_ROWS);
    double[] partial = new double[chunks * width];
    if (chunks == 1 || (long) n * workPerRow < PARALLEL_WORK) {
      for (int c = 0; c < chunks; c++) {
        runChunk(n, width, pass, partial, c);
      }
    } else {
      IntStream.range(0, chunks).parallel().forEach(c -> runChunk(n, width, pass, partial, c));
    }
    double[] total = new double[width];
    for (int c = 0; c < chunks; c++) {
      for (int k = 0; k < width; k++) {
        total[k] += partial[c * width + k];
      }
    }
    return total;
  }

  private static void runChunk(int n, int width, Pass pass, double[] partial, int c) {
    int from = c * CHUNK_ROWS;
    pass.run(from, Math.min(n, from + CHUNK_ROWS), partial, c * width);
  }
}
