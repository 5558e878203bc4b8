package dev.kubemu.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.kubemu.core.object.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Turns a k8s.io/api protobuf message into the JSON Go's encoding would give. gogo-protobuf writes every non-pointer
 * field, zero values included, while the JSON tags say {@code omitempty}: so zero values are dropped, except for the
 * pointer fields listed in {@link #ZERO_MATTERS} where an explicit zero means something ({@code replicas: 0}).
 * Empty messages, empty lists and zero times are dropped too.
 */
final class ProtoToJson {
  /** {@code Message.field} pairs (message simple name) whose zero value is meaningful (Go pointer fields). */
  static final Set<String> ZERO_MATTERS = Set.of(
      "DeploymentSpec.replicas", "ReplicaSetSpec.replicas", "StatefulSetSpec.replicas",
      "ReplicationControllerSpec.replicas", "DeploymentSpec.revisionHistoryLimit",
      "DeploymentSpec.progressDeadlineSeconds", "StatefulSetSpec.revisionHistoryLimit",
      "DaemonSetSpec.revisionHistoryLimit", "RollingUpdateStatefulSetStrategy.partition",
      "HorizontalPodAutoscalerSpec.minReplicas", "HorizontalPodAutoscalerSpec.targetCPUUtilizationPercentage",
      "MetricTarget.averageUtilization", "HPAScalingRules.stabilizationWindowSeconds",
      "JobSpec.parallelism", "JobSpec.completions", "JobSpec.backoffLimit", "JobSpec.activeDeadlineSeconds",
      "JobSpec.ttlSecondsAfterFinished", "JobSpec.suspend", "JobSpec.manualSelector", "JobSpec.backoffLimitPerIndex",
      "JobSpec.maxFailedIndexes", "CronJobSpec.suspend", "CronJobSpec.successfulJobsHistoryLimit",
      "CronJobSpec.failedJobsHistoryLimit", "CronJobSpec.startingDeadlineSeconds",
      "PodSpec.terminationGracePeriodSeconds", "PodSpec.activeDeadlineSeconds",
      "PodSpec.automountServiceAccountToken", "PodSpec.enableServiceLinks", "PodSpec.hostUsers",
      "PodSpec.shareProcessNamespace", "PodSpec.setHostnameAsFQDN", "PodSpec.priority",
      "ServiceAccount.automountServiceAccountToken", "ConfigMap.immutable", "Secret.immutable",
      "SecurityContext.runAsUser", "SecurityContext.runAsGroup", "SecurityContext.runAsNonRoot",
      "SecurityContext.privileged", "SecurityContext.readOnlyRootFilesystem",
      "SecurityContext.allowPrivilegeEscalation", "PodSecurityContext.runAsUser", "PodSecurityContext.runAsGroup",
      "PodSecurityContext.runAsNonRoot", "PodSecurityContext.fsGroup",
      "ServiceSpec.allocateLoadBalancerNodePorts", "ConfigMapVolumeSource.optional",
      "SecretVolumeSource.optional", "ConfigMapVolumeSource.defaultMode", "SecretVolumeSource.defaultMode",
      "ConfigMapKeySelector.optional", "SecretKeySelector.optional", "ConfigMapEnvSource.optional",
      "SecretEnvSource.optional", "ProjectedVolumeSource.defaultMode", "KeyToPath.mode",
      "PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy", "EndpointConditions.ready",
      "EndpointConditions.serving", "EndpointConditions.terminating", "EndpointPort.port",
      "LeaseSpec.leaseDurationSeconds", "LeaseSpec.leaseTransitions", "StorageClass.allowVolumeExpansion",
      "Event.count", "EventSeries.count", "ContainerPort.containerPort", "ServicePort.port",
      "HorizontalPodAutoscalerSpec.maxReplicas", "TokenRequestSpec.expirationSeconds",
      "SessionAffinityConfig.timeoutSeconds", "ClientIPConfig.timeoutSeconds",
      "PodAffinityTerm.namespaceSelector", "DeleteOptions.gracePeriodSeconds");

  private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
      .withZone(ZoneOffset.UTC);

  private ProtoToJson() {}

  static ObjectNode object(Message message) {
    ObjectNode out = Json.object();
    String messageName = message.getDescriptorForType().getName();
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      JsonNode value = field.isMapField() ? map(e.getValue()) : field.isRepeated() ? list(field, e.getValue())
          : value(field, e.getValue(), ZERO_MATTERS.contains(messageName + "." + field.getJsonName()));
      if (value != null) {
        out.set(field.getJsonName(), value);
      }
    }
    return out;
  }

  private static JsonNode map(Object entries) {
    ObjectNode out = Json.object();
    for (Object entry : (java.util.List<?>) entries) {
      Message m = (Message) entry;
      FieldDescriptor keyField = m.getDescriptorForType().findFieldByName("key");
      FieldDescriptor valueField = m.getDescriptorForType().findFieldByName("value");
      String key = String.valueOf(m.getField(keyField));
      JsonNode value = value(valueField, m.getField(valueField), true);
      out.set(key, value == null ? Json.object() : value);
    }
    return out.isEmpty() ? null : out;
  }

  private static JsonNode list(FieldDescriptor field, Object values) {
    ArrayNode out = Json.array();
    for (Object item : (java.util.List<?>) values) {
      JsonNode v = value(field, item, true);
      out.add(v == null ? (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? Json.object()
          : Json.object().textNode("")) : v);
    }
    return out.isEmpty() ? null : out;
  }

  /** One value; null when Go's omitempty would drop it. */
  private static JsonNode value(FieldDescriptor field, Object value, boolean keepZero) {
    var f = Json.object();
    switch (field.getJavaType()) {
      case STRING -> {
        String s = (String) value;
        return s.isEmpty() && !keepZero ? null : f.textNode(s);
      }
      case BOOLEAN -> {
        boolean b = (Boolean) value;
        return !b && !keepZero ? null : f.booleanNode(b);
      }
      case INT, LONG -> {
        long n = ((Number) value).longValue();
        return n == 0 && !keepZero ? null : f.numberNode(n);
      }
      case FLOAT, DOUBLE -> {
        double d = ((Number) value).doubleValue();
        return d == 0 && !keepZero ? null : f.numberNode(d);
      }
      case BYTE_STRING -> {
        ByteString bytes = (ByteString) value;
        return bytes.isEmpty() && !keepZero ? null : f.textNode(Base64.getEncoder().encodeToString(
            bytes.toByteArray()));
      }
      case ENUM -> {
        return f.textNode(value.toString());
      }
      case MESSAGE -> {
        return message((Message) value);
      }
      default -> {
        return null;
      }
    }
  }

  private static JsonNode message(Message m) {
    var f = Json.object();
    String name = m.getDescriptorForType().getFullName();
    switch (name) {
      case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
        return f.textNode(stringField(m, "string"));
      }
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> {
        long type = longField(m, "type");
        return type == 1 ? f.textNode(stringField(m, "strVal")) : f.numberNode(longField(m, "intVal"));
      }
      case "k8s.io.apimachinery.pkg.apis.meta.v1.Time" -> {
        long seconds = longField(m, "seconds");
        return seconds == 0 ? null : f.textNode(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds)));
      }
      case "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime" -> {
        long seconds = longField(m, "seconds");
        return seconds == 0 ? null : f.textNode(MICRO.format(Instant.ofEpochSecond(seconds,
            longField(m, "nanos"))));
      }
      case "k8s.io.apimachinery.pkg.apis.meta.v1.Duration" -> {
        return f.textNode(goDuration(Duration.ofNanos(longField(m, "duration"))));
      }
      case "k8s.io.apimachinery.pkg.runtime.RawExtension", "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1" -> {
        FieldDescriptor raw = m.getDescriptorForType().findFieldByName("raw");
        ByteString bytes = raw == null ? ByteString.EMPTY : (ByteString) m.getField(raw);
        if (bytes.isEmpty()) {
          return null;
        }
        try {
          return Json.MAPPER.readTree(bytes.toByteArray());
        } catch (java.io.IOException e) {
          return f.textNode(Base64.getEncoder().encodeToString(bytes.toByteArray()));
        }
      }
      default -> {
        ObjectNode object = object(m);
        return object.isEmpty() ? null : object;
      }
    }
  }

  private static String stringField(Message m, String name) {
    FieldDescriptor field = m.getDescriptorForType().findFieldByName(name);
    return field == null ? "" : String.valueOf(m.getField(field));
  }

  private static long longField(Message m, String name) {
    FieldDescriptor field = m.getDescriptorForType().findFieldByName(name);
    return field == null ? 0 : ((Number) m.getField(field)).longValue();
  }

  /** Go's {@code time.Duration.String()} for whole seconds and minutes (e.g. {@code 1m30s}, {@code 5s}). */
  static String goDuration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long h = d.toHours();
    long m = d.toMinutesPart();
    double s = d.toSecondsPart() + d.toNanosPart() / 1e9;
    var sb = new StringBuilder();
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      sb.append(m).append('m');
    }
    sb.append(s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s)).append('s');
    return sb.toString();
  }
}
