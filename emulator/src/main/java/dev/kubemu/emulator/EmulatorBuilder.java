package dev.kubemu.emulator;

import dev.kubemu.apiserver.http.ApiServer;
import dev.kubemu.apiserver.http.ApiServerConfig;
import dev.kubemu.apiserver.http.PodLogSource;
import dev.kubemu.apiserver.http.VersionInfo;
import dev.kubemu.controllers.ControllerManager;
import dev.kubemu.core.api.DefaultStorageClass;
import dev.kubemu.core.api.NamespaceLifecycle;
import dev.kubemu.core.api.ServiceAccountAdmission;
import dev.kubemu.core.api.StorageObjectInUseProtection;
import dev.kubemu.core.control.ControlLoop;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.time.Clock;
import dev.kubemu.core.time.SystemClock;
import dev.kubemu.kinds.BuiltinTypes;
import dev.kubemu.kubelet.KubeletSimulator;
import dev.kubemu.kubelet.KubeletTimings;
import dev.kubemu.kubelet.NodeShape;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Configures and starts an {@link Emulator}. Rejects bad settings at once, naming the value and the remedy. */
public final class EmulatorBuilder {
  private Vertx vertx;
  private Clock clock;
  private int nodes = 3;
  private NodeShape nodeShape = NodeShape.standard();
  private boolean http = true;
  private String host = "127.0.0.1";
  private int port = 0;
  private Supplier<ApiServerConfig.TlsMaterial> tls;
  private String bearerToken;
  private Supplier<String> clusterCaPem;
  private int watchWindow = VersionedStore.DEFAULT_WINDOW;
  private KubeletTimings kubeletTimings = KubeletTimings.instant();
  private boolean systemAddons = true;

  EmulatorBuilder() {}

  /** How many recent events per resource a watch can resume from; older versions get 410 Expired. */
  public EmulatorBuilder watchWindow(int events) {
    if (events < 1) {
      throw new IllegalArgumentException("watchWindow must be at least 1, was " + events);
    }
    this.watchWindow = events;
    return this;
  }

  /** Shares a Vert.x instance (it is not closed with the emulator); by default the emulator creates its own. */
  public EmulatorBuilder vertx(Vertx vertx) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    return this;
  }

  /** The clock everything reads; by default the system clock. Pass a VirtualClock to control time in tests. */
  public EmulatorBuilder clock(Clock clock) {
    if (this.clock != null) {
      throw new IllegalStateException("clock was already set to " + this.clock);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  public EmulatorBuilder nodes(int nodes) {
    if (nodes < 0) {
      throw new IllegalArgumentException("nodes must not be negative, was " + nodes);
    }
    this.nodes = nodes;
    return this;
  }

  public EmulatorBuilder nodeShape(NodeShape shape) {
    this.nodeShape = Objects.requireNonNull(shape, "shape");
    return this;
  }

  /** How long simulated kubelets take to pull, start and stop; instant by default (tests). */
  public EmulatorBuilder kubeletTimings(KubeletTimings timings) {
    this.kubeletTimings = Objects.requireNonNull(timings, "timings");
    return this;
  }

  /** Whether kube-system runs CoreDNS and metrics-server, as a small real cluster does (default true). */
  public EmulatorBuilder systemAddons(boolean install) {
    this.systemAddons = install;
    return this;
  }

  /** Whether to serve HTTP at all (default true); without it, use {@link Emulator#operations()} directly. */
  public EmulatorBuilder http(boolean http) {
    this.http = http;
    return this;
  }

  public EmulatorBuilder address(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /** The port to bind; 0 (the default) picks a free one. */
  public EmulatorBuilder port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    this.port = port;
    return this;
  }

  /** Serve HTTPS with this certificate and key (PEM); by default plain HTTP. */
  public EmulatorBuilder tls(String certificatePem, String privateKeyPem) {
    var material = new ApiServerConfig.TlsMaterial(certificatePem, privateKeyPem);
    this.tls = () -> material;
    return this;
  }

  /**
   * Serve HTTPS with a certificate and key that {@code material} supplies when the server is prepared, which
   * {@link #start()} does in parallel with building the cluster: a CLI can generate its key pair meanwhile.
   */
  public EmulatorBuilder tls(Supplier<ApiServerConfig.TlsMaterial> material) {
    this.tls = Objects.requireNonNull(material, "material");
    return this;
  }

  /**
   * The cluster CA certificate (PEM) that signed the serving certificate; published in every namespace as the
   * {@code kube-root-ca.crt} ConfigMap, as kube-controller-manager does. Without it (plain HTTP) none is published.
   */
  public EmulatorBuilder clusterCa(String caCertificatePem) {
    Objects.requireNonNull(caCertificatePem, "caCertificatePem");
    this.clusterCaPem = () -> caCertificatePem;
    return this;
  }

  /**
   * Like {@link #clusterCa(String)}, with the certificate supplied when the controllers start, after the bootstrap
   * objects: a CLI can generate it meanwhile.
   */
  public EmulatorBuilder clusterCa(Supplier<String> caCertificatePem) {
    this.clusterCaPem = Objects.requireNonNull(caCertificatePem, "caCertificatePem");
    return this;
  }

  /** Require this bearer token on API requests; by default no authentication. */
  public EmulatorBuilder bearerToken(String token) {
    this.bearerToken = token;
    return this;
  }

  /**
   * Builds the cluster and, with HTTP on, waits until the server accepts connections. Not for event loops.
   *
   * <p>The HTTP side (Vert.x, the discovery and OpenAPI documents, the protobuf descriptors, TLS material) is
   * prepared on a second thread while this one creates the bootstrap objects and starts the controllers; the server
   * binds only once the cluster is complete, so no client ever sees it half-built.
   */
  public Emulator start() {
    ControlLoop controlLoop = new ControlLoop("kubemu-control-loop");
    Clock effectiveClock = clock != null ? clock : new SystemClock(controlLoop.scheduler());
    var store = new VersionedStore(watchWindow, VersionedStore.DEFAULT_TREE_CACHE_BYTES);
    var operations = new ResourceOperations(BuiltinTypes.registry(), store, effectiveClock,
        // in kube-apiserver's plugin order
        List.of(new NamespaceLifecycle(), new ServiceAccountAdmission(), new DefaultStorageClass(),
            new StorageObjectInUseProtection()));
    var logs = new AtomicReference<PodLogSource>(PodLogSource.NONE);
    CompletableFuture<ServerParts> server = http ? prepareServer(operations, logs) : null;
    var components = new ArrayList<AutoCloseable>();
    try {
      var bootstrap = new ClusterBootstrap(operations);
      bootstrap.createAll(nodes, nodeShape);
      if (systemAddons) {
        new SystemAddons(operations).install();
      }
      // the API serves as soon as the cluster's objects exist; controllers and kubelets start right after, as on a
      // real control plane, instead of taking the cores the server's last preparations need
      ServerParts parts = server == null ? null : server.join();
      if (parts != null) {
        parts.server().start().toCompletionStage().toCompletableFuture().join();
      }
      components.add(new KubernetesServiceRepair(operations, bootstrap, controlLoop));
      components.add(new ControllerManager(operations, controlLoop,
          clusterCaPem == null ? null : clusterCaPem.get()));
      var kubelets = new KubeletSimulator(operations, controlLoop, kubeletTimings);
      components.add(kubelets);
      logs.set(kubelets.logs()::read);
      if (parts == null) {
        return new Emulator(operations, effectiveClock, null, null, false, controlLoop, components);
      }
      return new Emulator(operations, effectiveClock, parts.server(), parts.vertx(), parts.ownsVertx(), controlLoop,
          components);
    } catch (RuntimeException | Error e) {
      closeAfterFailedStart(server, components, controlLoop);
      throw e;
    }
  }

  /** What the second start-up thread prepares: Vert.x and an ApiServer that has not bound yet. */
  private record ServerParts(Vertx vertx, boolean ownsVertx, ApiServer server) {}

  private CompletableFuture<ServerParts> prepareServer(ResourceOperations operations,
      AtomicReference<PodLogSource> logs) {
    Vertx shared = vertx;
    Supplier<ApiServerConfig.TlsMaterial> material = tls;
    return CompletableFuture.supplyAsync(() -> {
      Vertx effectiveVertx = shared != null ? shared : Vertx.vertx();
      try {
        var config = new ApiServerConfig(host, port, material == null ? null : material.get(), bearerToken,
            VersionInfo.DEFAULT, ApiServerConfig.DEFAULT_MAX_BODY);
        PodLogSource logSource = (pod, container, query) -> logs.get().read(pod, container, query);
        return new ServerParts(effectiveVertx, shared == null,
            new ApiServer(effectiveVertx, config, operations, logSource));
      } catch (RuntimeException | Error e) {
        if (shared == null) {
          effectiveVertx.close();
        }
        throw e;
      }
    }, task -> {
      Thread t = new Thread(task, "kubemu-start-http");
      t.setDaemon(true);
      t.start();
    });
  }

  private static void closeAfterFailedStart(CompletableFuture<ServerParts> server, List<AutoCloseable> components,
      ControlLoop controlLoop) {
    for (int i = components.size() - 1; i >= 0; i--) {
      try {
        components.get(i).close();
      } catch (Exception ignored) {
        // the start failure is what the caller needs to see
      }
    }
    controlLoop.close();
    if (server != null) {
      server.thenAccept(parts -> {
        parts.server().close();
        if (parts.ownsVertx()) {
          parts.vertx().close();
        }
      });
    }
  }
}
