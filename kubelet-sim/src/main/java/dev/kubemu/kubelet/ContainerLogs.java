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
 * Simulated container logs: what the container would plausibly have printed at start (the echo statements of its
 * command; for well-known images - nginx, redis, httpd, metrics-server, CoreDNS - their start-up lines; a typical
 * service's start lines otherwise), with the kubelet's options ({@code tailLines},
 * {@code timestamps}, {@code sinceSeconds}, {@code limitBytes}, {@code previous}) and its errors for containers that
 * have not started.
 */
public final class ContainerLogs {
  private static final DateTimeFormatter NGINX_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter REDIS_TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS",
      java.util.Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HTTPD_TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSSSSS yyyy",
      java.util.Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter KLOG_TIME = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS")
      .withZone(ZoneOffset.UTC);
  /** How far apart the start-up lines of a container are, as {@code --timestamps} shows them. */
  private static final long LINE_INTERVAL_NANOS = 1_734_021;
  private final Clock clock;

  public ContainerLogs(Clock clock) {
    this.clock = clock;
  }

  /** The log text of {@code container} in {@code pod} (a pod bound to a node). */
  public String read(JsonNode pod, String container, Map<String, String> query) {
    JsonNode status = containerStatus(pod, container);
    String podName = Meta.name(pod);
    // which run of the container to read, as the kubelet picks it
    JsonNode run;
    if (Boolean.parseBoolean(query.getOrDefault("previous", "false"))) {
      run = status == null ? null : status.path("lastState").get("terminated");
      if (run == null) {
        throw ApiErrors.badRequest("previous terminated container \"" + container + "\" in pod \"" + podName
            + "\" not found");
      }
    } else if (status != null && status.path("state").has("running")) {
      run = status.path("state").get("running");
    } else if (status != null && status.path("state").has("terminated")) {
      run = status.path("state").get("terminated");
    } else if (status != null && status.path("lastState").has("terminated")) {
      // waiting to restart (CrashLoopBackOff): the last run's output
      run = status.path("lastState").get("terminated");
    } else {
      String reason = status == null ? "ContainerCreating"
          : status.path("state").path("waiting").path("reason").asText("ContainerCreating");
      throw ApiErrors.badRequest("container \"" + container + "\" in pod \"" + podName + "\" is waiting to start: "
          + reason);
    }
    Instant started = Timestamps.parse(run.path("startedAt").asText("")).orElse(clock.now());
    String image = status.path("image").asText(imageOf(pod, container));
    JsonNode spec = containerSpec(pod, container);
    var argv = new ArrayList<String>();
    spec.path("command").forEach(a -> argv.add(a.asText()));
    spec.path("args").forEach(a -> argv.add(a.asText()));
    // without a command the args go to the image's entrypoint; for the shells and tools of busybox-like images
    // (kubectl run x --image=busybox -- echo hi) that is the program itself
    List<String> lines = CommandOutput.of(argv).orElseGet(() -> lines(image, spec, started,
        pod.path("status").path("podIP").asText("")));
    long since = parseLong(query.get("sinceSeconds"), -1);
    Instant sinceTime = query.containsKey("sinceTime") ? Timestamps.parse(query.get("sinceTime")).orElseThrow(
        () -> ApiErrors.badRequest("invalid sinceTime: " + query.get("sinceTime"))) : null;
    if ((since >= 0 && started.isBefore(clock.now().minusSeconds(since)))
        || (sinceTime != null && started.isBefore(sinceTime))) {
      lines = List.of();
    }
    long tail = parseLong(query.get("tailLines"), -1);
    int first = 0;
    if (tail >= 0 && tail < lines.size()) {
      first = lines.size() - (int) tail;
      lines = lines.subList(first, lines.size());
    }
    boolean timestamps = Boolean.parseBoolean(query.getOrDefault("timestamps", "false"));
    var sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (timestamps) {
        // a program prints its start-up lines over a few milliseconds, not in one instant
        sb.append(NANOS.format(started.plusNanos(LINE_INTERVAL_NANOS * (first + i)))).append(' ');
      }
      sb.append(lines.get(i)).append('\n');
    }
    long limit = parseLong(query.get("limitBytes"), -1);
    String text = sb.toString();
    if (limit >= 0 && limit < text.length()) {
      text = text.substring(0, (int) limit);
    }
    return text;
  }

  private static List<String> lines(String image, JsonNode spec, Instant started, String podIp) {
    String container = spec.path("name").asText();
    var lines = new ArrayList<String>();
    String repo = image.substring(image.lastIndexOf('/') + 1);
    if (repo.startsWith("nginx")) {
      String t = NGINX_TIME.format(started);
      String version = version(repo, "1.27.3");
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
    } else if (repo.startsWith("redis")) {
      String t = REDIS_TIME.format(started);
      lines.add("1:C " + t + " # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
      lines.add("1:C " + t + " # Redis version=" + version(repo, "7.4.2") + ", bits=64, commit=00000000, modified=0, "
          + "pid=1, just started");
      lines.add("1:C " + t + " # Warning: no config file specified, using the default config. In order to specify a "
          + "config file use redis-server /path/to/redis.conf");
      lines.add("1:M " + t + " * monotonic clock: POSIX clock_gettime");
      lines.add("1:M " + t + " * Running mode=standalone, port=6379.");
      lines.add("1:M " + t + " * Server initialized");
      lines.add("1:M " + t + " * Ready to accept connections tcp");
    } else if (repo.startsWith("httpd")) {
      String t = HTTPD_TIME.format(started);
      String ah = "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using "
          + podIp + ". Set the 'ServerName' directive globally to suppress this message";
      lines.add(ah);
      lines.add(ah);
      lines.add("[" + t + "] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/" + version(repo, "2.4.63")
          + " (Unix) configured -- resuming normal operations");
      lines.add("[" + t + "] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'");
    } else {
      // an application kubemu does not know: the start-up lines a typical service prints
      String t = Timestamps.format(started);
      lines.add(t + " INFO starting " + container);
      JsonNode port = spec.path("ports").path(0).path("containerPort");
      lines.add(t + " INFO " + (port.isMissingNode() ? "ready" : "listening on 0.0.0.0:" + port.asInt()));
    }
    return lines;
  }

  /** The image tag when it is a version number, else {@code fallback} (latest, untagged, named tags). */
  private static String version(String repo, String fallback) {
    String tag = repo.contains(":") ? repo.substring(repo.indexOf(':') + 1) : "";
    int dash = tag.indexOf('-');
    if (dash > 0) {
      tag = tag.substring(0, dash);
    }
    return tag.matches("\\d+(\\.\\d+)*") ? tag : fallback;
  }

  private static JsonNode containerSpec(JsonNode pod, String container) {
    for (String field : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
      for (JsonNode c : pod.path("spec").path(field)) {
        if (c.path("name").asText().equals(container)) {
          return c;
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
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
