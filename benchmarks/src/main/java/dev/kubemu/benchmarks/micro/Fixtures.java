package dev.kubemu.benchmarks.micro;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.emulator.Emulator;
import java.nio.charset.StandardCharsets;

/**
 * Realistic objects for the microbenchmarks, made by the emulator itself rather than written by hand, so they keep
 * the shape the current code gives them: a running pod as a Deployment, the scheduler and a kubelet leave it.
 */
public final class Fixtures {
  private Fixtures() {}

  /** The JSON of one Running pod of a one-replica Deployment (about 2.5 KB, status and managed labels included). */
  public static byte[] runningPodJson() {
    try (Emulator kube = Emulator.builder().http(false).nodes(1).systemAddons(false).start()) {
      ResourceType deployments = kube.registry().find("apps", "v1", "deployments").orElseThrow();
      ResourceType pods = kube.registry().find("", "v1", "pods").orElseThrow();
      kube.operations().create(deployments, "v1", "default", deployment("web", 1), RequestContext.forUser());
      kube.awaitIdle();
      var items = kube.operations().list(pods, "default", ListOptions.everything()).items();
      if (items.size() != 1) {
        throw new IllegalStateException("expected one pod, found " + items.size());
      }
      return items.get(0).json();
    }
  }

  /** A Deployment of {@code replicas} nginx pods with small requests, labelled {@code app=NAME}. */
  public static ObjectNode deployment(String name, int replicas) {
    return (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
        + "\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"replicas\":" + replicas
        + ",\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},"
        + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name + "\",\"tier\":\"frontend\"}},"
        + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.25\",\"ports\":[{\"containerPort\":80}],"
        + "\"env\":[{\"name\":\"MODE\",\"value\":\"production\"}],"
        + "\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"16Mi\"}}}]}}}}")
        .getBytes(StandardCharsets.UTF_8));
  }
}
