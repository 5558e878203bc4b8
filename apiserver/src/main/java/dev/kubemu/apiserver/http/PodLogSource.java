package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Where container logs come from (the simulated kubelet of the pod's node). The apiserver has already checked the
 * pod and container names. Implementations must not block.
 */
@FunctionalInterface
public interface PodLogSource {
  /** A source with no logs at all: every log is empty. */
  PodLogSource NONE = (pod, container, query) -> "";

  /**
   * The log text of one container of a pod that is bound to a node.
   *
   * @param query the log options as sent ({@code tailLines}, {@code timestamps}, {@code previous}, ...)
   * @throws dev.kubemu.core.errors.ApiException when the container cannot give logs (e.g. still creating)
   */
  String read(JsonNode pod, String container, Map<String, String> query);
}
