package dev.kubemu.apiserver.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A response body encoded on a worker thread and sent while it is being encoded, so that the event loop encrypts and
 * frames one chunk while the worker encodes the next, and a large list never sits whole in memory.
 *
 * <p>As kube-apiserver's response writer does, the first {@link Compression#THRESHOLD} bytes are held back: a body
 * that ends within them leaves in one piece with a {@code Content-Length}; a longer one starts streaming, compressed
 * with gzip when the client accepts it. Chunks are handed to the request's context, which writes them in order;
 * the worker waits while more than {@link #MAX_IN_FLIGHT} bytes are queued, so a slow client holds back the encoder
 * instead of filling the heap. Write from one thread only.
 */
final class StreamedBody extends OutputStream {
  private static final int CHUNK = 64 * 1024;
  private static final int MAX_IN_FLIGHT = 1024 * 1024;
  private static final long STALL_LIMIT_MS = 120_000;

  private final RoutingContext rc;
  private final Context context;
  private final String contentType;
  private final boolean gzip;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private volatile boolean closedByPeer;

  private byte[] held = new byte[Compression.THRESHOLD];
  private int heldCount;
  /** Where bytes go once the head has been sent: {@link #chunks}, or a gzip stream over it. */
  private OutputStream sink;
  private final Chunks chunks = new Chunks();

  StreamedBody(RoutingContext rc, Context context, String contentType, boolean gzip) {
    this.rc = rc;
    this.context = context;
    this.contentType = contentType;
    this.gzip = gzip;
    context.runOnContext(v -> rc.response().closeHandler(x -> closedByPeer = true));
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (sink == null) {
      if (heldCount + len <= held.length) {
        System.arraycopy(b, off, held, heldCount, len);
        heldCount += len;
        return;
      }
      commit();
    }
    sink.write(b, off, len);
  }

  /** Sends what is left and ends the response. */
  @Override
  public void close() throws IOException {
    if (sink == null) {
      byte[] body = Arrays.copyOf(held, heldCount);
      held = null;
      context.runOnContext(v -> Responses.bytes(rc, 200, contentType, body));
      return;
    }
    sink.close();
    context.runOnContext(v -> {
      HttpServerResponse response = rc.response();
      if (!response.ended() && !response.closed()) {
        response.end();
      }
    });
  }

  /** Ends the request after a failure: a Status when nothing was sent yet, else a reset of the stream. */
  void fail(Throwable failure) {
    context.runOnContext(v -> {
      if (sink == null) {
        Responses.error(rc, failure);
      } else if (!rc.response().ended() && !rc.response().closed()) {
        rc.response().reset();
      }
    });
  }

  private void commit() throws IOException {
    context.runOnContext(v -> {
      HttpServerResponse response = rc.response();
      if (response.ended() || response.closed()) {
        return;
      }
      Responses.head(rc, 200, contentType);
      if (gzip) {
        Compression.markGzip(response);
      }
      response.setChunked(true);
    });
    sink = gzip ? Compression.gzipStream(chunks, CHUNK) : chunks;
    sink.write(held, 0, heldCount);
    held = null;
  }

  /** Cuts the body into chunks of {@link #CHUNK} bytes and hands each to the event loop. */
  private final class Chunks extends OutputStream {
    private byte[] chunk = new byte[CHUNK];
    private int count;

    @Override
    public void write(int b) throws IOException {
      if (count == chunk.length) {
        emit();
      }
      chunk[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (count == chunk.length) {
          emit();
        }
        int n = Math.min(len, chunk.length - count);
        System.arraycopy(b, off, chunk, count, n);
        count += n;
        off += n;
        len -= n;
      }
    }

    @Override
    public void close() throws IOException {
      if (count > 0) {
        emit();
      }
    }

    private void emit() throws IOException {
      int size = count;
      // the array is handed over, not reused, so the event loop sends it without another copy
      Buffer buffer = BufferInternal.buffer(Unpooled.wrappedBuffer(chunk, 0, size));
      chunk = new byte[CHUNK];
      count = 0;
      acquire(size);
      context.runOnContext(v -> {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
          inFlight.release(size);
          return;
        }
        response.write(buffer).onComplete(r -> inFlight.release(size));
      });
    }

    private void acquire(int size) throws IOException {
      long waited = 0;
      try {
        while (!inFlight.tryAcquire(size, 100, TimeUnit.MILLISECONDS)) {
          waited += 100;
          if (closedByPeer || waited > STALL_LIMIT_MS) {
            throw new IOException("the client stopped reading the response");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while sending the response", e);
      }
      if (closedByPeer) {
        throw new IOException("the client closed the connection");
      }
    }
  }
}
