package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.kinds.core.validation.VolumeValidation;
import java.util.regex.Pattern;

/**
 * kube-apiserver's defaulting of a PodSpec ({@code pkg/apis/core/v1/defaults.go} and the {@code +default} markers of
 * the types), shared by Pods and every pod template, plus the Pod-only defaults of {@code SetDefaults_Pod}.
 */
public final class PodSpecDefaults {
  /** A docker reference: optional domain, path components, optional tag and digest. */
  private static final Pattern REFERENCE = Pattern.compile(
      "((?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*"
          + "[a-zA-Z0-9]))*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?/)?"
          + "([a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*)"
          + "(?::([\\w][\\w.-]{0,127}))?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");
  private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

  private PodSpecDefaults() {}

  /** A pod template: its spec's defaults, and the null creationTimestamp Go writes for the embedded ObjectMeta. */
  public static void template(ObjectNode template) {
    ObjectNode meta = template.get("metadata") instanceof ObjectNode m ? m : template.putObject("metadata");
    if (!meta.has("creationTimestamp")) {
      meta.putNull("creationTimestamp");
    }
    if (template.get("spec") instanceof ObjectNode spec) {
      apply(spec);
    }
  }

  /** SetDefaults_PodSpec and the defaults of everything a PodSpec holds. */
  public static void apply(ObjectNode spec) {
    putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
    putIfAbsent(spec, "restartPolicy", "Always");
    if (!spec.hasNonNull("securityContext")) {
      spec.putObject("securityContext");
    }
    if (!spec.hasNonNull("terminationGracePeriodSeconds")) {
      spec.put("terminationGracePeriodSeconds", 30);
    }
    putIfAbsent(spec, "schedulerName", "default-scheduler");
    for (JsonNode v : spec.path("volumes")) {
      if (v instanceof ObjectNode volume) {
        volume(volume);
      }
    }
    for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
      for (JsonNode c : spec.path(list)) {
        if (c instanceof ObjectNode container) {
          container(container);
        }
      }
    }
  }

  /** SetDefaults_Pod: requests from limits, service links, host ports on the host network. */
  public static void podOnly(ObjectNode spec) {
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : spec.path(list)) {
        if (c.path("resources").get("limits") instanceof ObjectNode limits && c.get("resources") instanceof ObjectNode r) {
          ObjectNode requests = r.get("requests") instanceof ObjectNode q ? q : r.putObject("requests");
          limits.fields().forEachRemaining(e -> {
            if (!requests.has(e.getKey())) {
              requests.set(e.getKey(), e.getValue().deepCopy());
            }
          });
        }
      }
    }
    if (!spec.hasNonNull("enableServiceLinks")) {
      spec.put("enableServiceLinks", true);
    }
    if (spec.path("hostNetwork").asBoolean(false)) {
      for (String list : new String[] {"initContainers", "containers"}) {
        for (JsonNode c : spec.path(list)) {
          for (JsonNode p : c.path("ports")) {
            if (p instanceof ObjectNode port && port.path("hostPort").asInt(0) == 0) {
              port.put("hostPort", port.path("containerPort").asInt(0));
            }
          }
        }
      }
    }
  }

  static void container(ObjectNode c) {
    putIfAbsent(c, "imagePullPolicy", pullPolicyFor(c.path("image").asText("")));
    putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
    putIfAbsent(c, "terminationMessagePolicy", "File");
    if (!c.hasNonNull("resources")) {
      // a struct, not a pointer: Go writes it even when empty
      c.putObject("resources");
    }
    for (JsonNode p : c.path("ports")) {
      if (p instanceof ObjectNode port) {
        putIfAbsent(port, "protocol", "TCP");
      }
    }
    for (JsonNode e : c.path("env")) {
      JsonNode from = e.path("valueFrom");
      if (from.get("fieldRef") instanceof ObjectNode fieldRef) {
        putIfAbsent(fieldRef, "apiVersion", "v1");
      }
      if (from.get("resourceFieldRef") instanceof ObjectNode resourceRef && !resourceRef.hasNonNull("divisor")) {
        resourceRef.put("divisor", "0");
      }
    }
    for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
      if (c.get(probe) instanceof ObjectNode p) {
        probe(p);
      }
    }
    if (c.get("lifecycle") instanceof ObjectNode lifecycle) {
      for (String hook : new String[] {"postStart", "preStop"}) {
        if (lifecycle.path(hook).get("httpGet") instanceof ObjectNode http) {
          httpGet(http);
        }
      }
    }
  }

  /** SetDefaults_Probe: timeout 1 s, period 10 s, one success, three failures. */
  private static void probe(ObjectNode p) {
    putIfZero(p, "timeoutSeconds", 1);
    putIfZero(p, "periodSeconds", 10);
    putIfZero(p, "successThreshold", 1);
    putIfZero(p, "failureThreshold", 3);
    if (p.get("httpGet") instanceof ObjectNode http) {
      httpGet(http);
    }
    if (p.get("grpc") instanceof ObjectNode grpc && !grpc.has("service")) {
      grpc.put("service", "");
    }
  }

  private static void httpGet(ObjectNode http) {
    putIfAbsent(http, "path", "/");
    putIfAbsent(http, "scheme", "HTTP");
  }

  /** SetDefaults_Volume and the volume sources' defaults. */
  static void volume(ObjectNode v) {
    boolean hasSource = false;
    for (String source : VolumeValidation.SOURCES) {
      hasSource |= v.hasNonNull(source);
    }
    if (!hasSource) {
      v.putObject("emptyDir");
    }
    for (String source : new String[] {"secret", "configMap", "downwardAPI", "projected"}) {
      if (v.get(source) instanceof ObjectNode s && !s.hasNonNull("defaultMode")) {
        s.put("defaultMode", 420);
      }
    }
    if (v.get("hostPath") instanceof ObjectNode hostPath && !hostPath.has("type")) {
      hostPath.put("type", "");
    }
    if (v.get("downwardAPI") instanceof ObjectNode downward) {
      fieldRefs(downward.path("items"));
    }
    if (v.get("projected") instanceof ObjectNode projected) {
      for (JsonNode source : projected.path("sources")) {
        if (source.get("serviceAccountToken") instanceof ObjectNode token && !token.hasNonNull("expirationSeconds")) {
          token.put("expirationSeconds", 3600);
        }
        fieldRefs(source.path("downwardAPI").path("items"));
      }
    }
    if (v.get("iscsi") instanceof ObjectNode iscsi) {
      putIfAbsent(iscsi, "iscsiInterface", "default");
    }
    if (v.get("rbd") instanceof ObjectNode rbd) {
      putIfAbsent(rbd, "pool", "rbd");
      putIfAbsent(rbd, "user", "admin");
      putIfAbsent(rbd, "keyring", "/etc/ceph/keyring");
    }
    if (v.get("azureDisk") instanceof ObjectNode disk) {
      putIfAbsent(disk, "cachingMode", "ReadWrite");
      putIfAbsent(disk, "fsType", "ext4");
      if (!disk.hasNonNull("readOnly")) {
        disk.put("readOnly", false);
      }
      putIfAbsent(disk, "kind", "Shared");
    }
    if (v.get("scaleIO") instanceof ObjectNode scaleIO) {
      putIfAbsent(scaleIO, "storageMode", "ThinProvisioned");
      putIfAbsent(scaleIO, "fsType", "xfs");
    }
    if (v.path("ephemeral").get("volumeClaimTemplate") instanceof ObjectNode claim) {
      PersistentVolumeClaimDefaults.claimTemplateSpec(claim);
    }
  }

  private static void fieldRefs(JsonNode items) {
    for (JsonNode item : items) {
      if (item.get("fieldRef") instanceof ObjectNode ref) {
        putIfAbsent(ref, "apiVersion", "v1");
      }
      if (item.get("resourceFieldRef") instanceof ObjectNode ref && !ref.hasNonNull("divisor")) {
        ref.put("divisor", "0");
      }
    }
  }

  /**
   * SetDefaults_Container's pull policy: {@code Always} when the image's tag is {@code latest} or it has neither tag
   * nor digest, otherwise {@code IfNotPresent} (also for images that are not valid references).
   */
  static String pullPolicyFor(String image) {
    if (image.isEmpty() || HEX64.matcher(image).matches()) {
      return "IfNotPresent";
    }
    var m = REFERENCE.matcher(image);
    if (!m.matches()) {
      return "IfNotPresent";
    }
    String tag = m.group(3);
    boolean digest = image.contains("@");
    if ((tag == null && !digest) || "latest".equals(tag)) {
      return "Always";
    }
    return "IfNotPresent";
  }

  static void putIfAbsent(ObjectNode node, String field, String value) {
    if (!node.hasNonNull(field) || node.path(field).asText().isEmpty()) {
      node.put(field, value);
    }
  }

  private static void putIfZero(ObjectNode node, String field, int value) {
    if (node.path(field).asLong(0) == 0) {
      node.put(field, value);
    }
  }
}
