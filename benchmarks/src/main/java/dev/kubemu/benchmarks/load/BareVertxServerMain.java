package dev.kubemu.benchmarks.load;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;

/**
 * The practical ceiling of the HTTP stack on this machine: a bare Vert.x server (the same Vert.x kubemu uses) that
 * reads each request and answers with a fixed JSON body the size of a pod, doing no other work. Prints
 * {@code listening PORT}; stops when standard input closes.
 */
public final class BareVertxServerMain {
  private BareVertxServerMain() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    byte[] body = LoadDriver.podBody("default", "fixed", "0").getBytes(StandardCharsets.UTF_8);
    var server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> req.body().onComplete(ignored -> req.response()
            .putHeader("Content-Type", "application/json").end(Buffer.buffer(body))))
        .listen().toCompletionStage().toCompletableFuture().join();
    System.out.println("listening " + server.actualPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // until the driver closes our standard input
    }
    vertx.close().toCompletionStage().toCompletableFuture().join();
    System.exit(0);
  }
}
