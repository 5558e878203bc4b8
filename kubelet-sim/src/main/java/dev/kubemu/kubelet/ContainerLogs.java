package dev.kubemu.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Simulated container logs: what the container would plausibly have printed at start (nginx's entrypoint and
 * notices for nginx images, a start line otherwise), with the kubelet's options ({@code tailLines},
 * {@code timestamps}, {@code sinceSeconds}, {@code limitBytes}, {@code previous}) and its errors for containers that
 * have not started.
 */
public final class ContainerLogs {
  private static final DateTimeFormatter NGINX_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter KLOG_TIME = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS")
      .withZone(ZoneOffset.UTC);
  private final Clock clock;

  public ContainerLogs(Clock clock) {
    this.clock = clock;
  }

  /** The log text of {@code container} in {@code pod} (a pod bound to a node). */
  public String read(JsonNode pod, String container, Map<String, String> query) {
    JsonNode status = containerStatus(pod, container);
    String podName = Meta.name(pod);
    if (Boolean.parseBoolean(query.getOrDefault("previous", "false"))) {
      throw ApiErrors.badRequest("previous terminated container \"" + container + "\" in pod \"" + podName
          + "\" not found");
    }
    if (status == null || status.path("state").has("waiting")) {
      String reason = status == null ? "ContainerCreating"
          : status.path("state").path("waiting").path("reason").asText("ContainerCreating");
      throw ApiErrors.badRequest("container \"" + container + "\" in pod \"" + podName + "\" is waiting to start: "
          + reason);
    }
    Instant started = Timestamps.parse(status.path("state").path("running").path("startedAt").asText(""))
        .or(() -> Timestamps.parse(status.path("state").path("terminated").path("startedAt").asText("")))
        .orElse(clock.now());
    String image = status.path("image").asText(imageOf(pod, container));
    var lines = lines(image, container, started);
    long since = parseLong(query.get("sinceSeconds"), -1);
    if (since >= 0 && started.isBefore(clock.now().minusSeconds(since))) {
      lines = List.of();
    }
    long tail = parseLong(query.get("tailLines"), -1);
    if (tail >= 0 && tail < lines.size()) {
      lines = lines.subList(lines.size() - (int) tail, lines.size());
    }
    boolean timestamps = Boolean.parseBoolean(query.getOrDefault("timestamps", "false"));
    var sb = new StringBuilder();
    for (String line : lines) {
      if (timestamps) {
        sb.append(NANOS.format(started)).append(' ');
      }
      sb.append(line).append('\n');
    }
    long limit = parseLong(query.get("limitBytes"), -1);
    String text = sb.toString();
    if (limit >= 0 && limit < text.length()) {
      text = text.substring(0, (int) limit);
    }
    return text;
  }

  private static List<String> lines(String image, String container, Instant started) {
    var lines = new ArrayList<String>();
    String repo = image.substring(image.lastIndexOf('/') + 1);
    if (repo.startsWith("nginx")) {
      String t = NGINX_TIME.format(started);
      String version = repo.contains(":") ? repo.substring(repo.indexOf(':') + 1) : "1.27.3";
      if (!Character.isDigit(version.isEmpty() ? 'x' : version.charAt(0))) {
        version = "1.27.3";
      }
      lines.add("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
      lines.add("/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/");
      lines.add("/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh");
      lines.add("10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf");
      lines.add("10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf");
      lines.add("/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh");
      lines.add("/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh");
      lines.add("/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh");
      lines.add("/docker-entrypoint.sh: Configuration complete; ready for start up");
      lines.add(t + " [notice] 1#1: using the \"epoll\" event method");
      lines.add(t + " [notice] 1#1: nginx/" + version);
      lines.add(t + " [notice] 1#1: OS: Linux 6.1.0-27-amd64");
      lines.add(t + " [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576");
      lines.add(t + " [notice] 1#1: start worker processes");
      lines.add(t + " [notice] 1#1: start worker process 29");
      lines.add(t + " [notice] 1#1: start worker process 30");
    } else if (repo.startsWith("metrics-server")) {
      String t = KLOG_TIME.format(started);
      lines.add("I" + t + "       1 serving.go:374] Generated self-signed cert (/tmp/apiserver.crt, "
          + "/tmp/apiserver.key)");
      lines.add("I" + t + "       1 handler.go:275] Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager");
      lines.add("I" + t + "       1 requestheader_controller.go:169] Starting RequestHeaderAuthRequestController");
      lines.add("I" + t + "       1 shared_informer.go:313] Waiting for caches to sync for "
          + "RequestHeaderAuthRequestController");
      lines.add("I" + t + "       1 secure_serving.go:213] Serving securely on [::]:10250");
      lines.add("I" + t + "       1 tlsconfig.go:243] \"Starting DynamicServingCertificateController\"");
      lines.add("I" + t + "       1 shared_informer.go:320] Caches are synced for RequestHeaderAuthRequestController");
    } else if (repo.startsWith("coredns")) {
      lines.add(".:53");
      lines.add("[INFO] plugin/reload: Running configuration SHA512 = "
          + "591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908");
      lines.add("CoreDNS-1.12.0");
      lines.add("linux/amd64, go1.23.3, 51e11f1");
    } else {
      lines.add("Starting " + container + " (" + image + ")");
      lines.add(container + " is running");
    }
    return lines;
  }

  private static JsonNode containerStatus(JsonNode pod, String container) {
    for (String field : new String[] {"containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"}) {
      for (JsonNode s : pod.path("status").path(field)) {
        if (s.path("name").asText().equals(container)) {
          return s;
        }
      }
    }
    return null;
  }

  private static String imageOf(JsonNode pod, String container) {
    for (JsonNode c : pod.path("spec").path("containers")) {
      if (c.path("name").asText().equals(container)) {
        return c.path("image").asText();
      }
    }
    return "";
  }

  private static long parseLong(String value, long fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiErrors.badRequest("invalid log option value: " + value);
    }
  }
}
