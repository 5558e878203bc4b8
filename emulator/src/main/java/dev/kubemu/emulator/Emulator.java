package dev.kubemu.emulator;

import dev.kubemu.apiserver.http.ApiServer;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.registry.ResourceRegistry;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.time.Clock;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import dev.kubemu.core.control.ControlLoop;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One emulated cluster: store, write pipeline, bootstrap objects, control loop and (optionally) the HTTP apiserver.
 * Everything it uses hangs off this instance, so many emulators can run in one JVM. Build one with
 * {@link #builder()}; close it to stop serving and release its threads.
 */
public final class Emulator implements AutoCloseable {
  private final ResourceOperations operations;
  private final Clock clock;
  private final ApiServer apiServer;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final ControlLoop controlLoop;
  private final List<AutoCloseable> components;

  Emulator(ResourceOperations operations, Clock clock, ApiServer apiServer, Vertx vertx, boolean ownsVertx,
      ControlLoop controlLoop, List<AutoCloseable> components) {
    this.operations = operations;
    this.clock = clock;
    this.apiServer = apiServer;
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.controlLoop = controlLoop;
    this.components = new ArrayList<>(components);
  }

  public static EmulatorBuilder builder() {
    return new EmulatorBuilder();
  }

  /** The read/write pipeline: the same path HTTP clients and controllers use. */
  public ResourceOperations operations() {
    return operations;
  }

  public ResourceRegistry registry() {
    return operations.registry();
  }

  public VersionedStore store() {
    return operations.store();
  }

  public Clock clock() {
    return clock;
  }

  /** The HTTP server; throws when the emulator was built without HTTP. */
  public ApiServer apiServer() {
    if (apiServer == null) {
      throw new IllegalStateException("this emulator serves no HTTP; build it with http(true)");
    }
    return apiServer;
  }

  /** The server URL, e.g. {@code https://127.0.0.1:6443}. */
  public String url() {
    return apiServer().url();
  }

  /**
   * Waits until controllers, scheduler and kubelets have nothing left to do at the current time: with a
   * {@link dev.kubemu.core.time.VirtualClock}, call it after {@code advance(...)} to let the cluster settle.
   */
  public void awaitIdle() {
    try {
      controlLoop.awaitIdle(Duration.ofSeconds(30));
    } catch (TimeoutException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the control loop", e);
    }
  }

  @Override
  public void close() {
    for (int i = components.size() - 1; i >= 0; i--) {
      try {
        components.get(i).close();
      } catch (Exception e) {
        // closing continues: one broken component must not keep the rest open
      }
    }
    if (apiServer != null) {
      apiServer.stop().toCompletionStage().toCompletableFuture().join();
    }
    controlLoop.close();
    if (ownsVertx) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
