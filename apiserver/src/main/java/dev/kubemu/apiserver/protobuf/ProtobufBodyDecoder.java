package dev.kubemu.apiserver.protobuf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2Autoscaling;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the protobuf bodies kubectl 1.32+ sends for typed creates ({@code k8s\0} + {@code runtime.Unknown}) into the
 * JSON object kube-apiserver would have decoded. Message types come from the k8s.io/api descriptors shipped in
 * {@code client-java-proto} and are decoded dynamically; {@link ProtoToJson} applies Go's JSON rules. Immutable and
 * thread-safe.
 */
public final class ProtobufBodyDecoder {
  private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
  private static final Map<String, String> GROUPS = Map.ofEntries(
      Map.entry("core", ""), Map.entry("apps", "apps"), Map.entry("autoscaling", "autoscaling"),
      Map.entry("batch", "batch"), Map.entry("policy", "policy"), Map.entry("networking", "networking.k8s.io"),
      Map.entry("storage", "storage.k8s.io"), Map.entry("discovery", "discovery.k8s.io"),
      Map.entry("events", "events.k8s.io"), Map.entry("coordination", "coordination.k8s.io"),
      Map.entry("rbac", "rbac.authorization.k8s.io"), Map.entry("scheduling", "scheduling.k8s.io"));

  /** Option kinds every group version registers (client-go sends them in the request's group version). */
  private static final List<String> OPTION_KINDS = List.of("DeleteOptions", "CreateOptions", "UpdateOptions",
      "PatchOptions");

  private final Map<String, Descriptor> types = new HashMap<>();
  private final Map<String, Descriptor> options = new HashMap<>();
  private final Descriptor unknown;

  public ProtobufBodyDecoder() {
    this.unknown = io.kubernetes.client.proto.Runtime.getDescriptor().findMessageTypeByName("Unknown");
    for (String kind : OPTION_KINDS) {
      options.put(kind, io.kubernetes.client.proto.Meta.getDescriptor().findMessageTypeByName(kind));
    }
    List<FileDescriptor> files = List.of(V1.getDescriptor(), V1Apps.getDescriptor(), V1Autoscaling.getDescriptor(),
        V2Autoscaling.getDescriptor(), V1Batch.getDescriptor(), V1Policy.getDescriptor(),
        V1Networking.getDescriptor(), V1Storage.getDescriptor(), V1Discovery.getDescriptor(),
        V1Events.getDescriptor(), V1Coordination.getDescriptor(), V1Rbac.getDescriptor(),
        V1Scheduling.getDescriptor());
    for (FileDescriptor file : files) {
      // packages look like k8s.io.api.apps.v1
      String[] parts = file.getPackage().split("\\.");
      String group = GROUPS.get(parts[parts.length - 2]);
      if (group == null) {
        continue;
      }
      String apiVersion = group.isEmpty() ? parts[parts.length - 1] : group + "/" + parts[parts.length - 1];
      for (Descriptor message : file.getMessageTypes()) {
        types.put(apiVersion + "/" + message.getName(), message);
      }
    }
  }

  /** The object, with {@code apiVersion} and {@code kind} from the envelope. */
  public ObjectNode decode(byte[] body) throws ProtobufDecodeException {
    if (body == null || body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
      throw new ProtobufDecodeException("provided object is not a protobuf message: missing the k8s prefix");
    }
    try {
      // decoded dynamically: the generated message classes log a warning per type on protobuf-java 4
      DynamicMessage envelope = DynamicMessage.parseFrom(unknown, Arrays.copyOfRange(body, MAGIC.length,
          body.length));
      Message typeMeta = (Message) envelope.getField(unknown.findFieldByName("typeMeta"));
      String apiVersion = String.valueOf(typeMeta.getField(typeMeta.getDescriptorForType()
          .findFieldByName("apiVersion")));
      String kind = String.valueOf(typeMeta.getField(typeMeta.getDescriptorForType().findFieldByName("kind")));
      ByteString raw = (ByteString) envelope.getField(unknown.findFieldByName("raw"));
      Descriptor type = types.getOrDefault(apiVersion + "/" + kind, options.get(kind));
      if (type == null) {
        throw new ProtobufDecodeException("no kind \"" + kind + "\" is registered for version \"" + apiVersion
            + "\" in protobuf bodies");
      }
      DynamicMessage message = DynamicMessage.parseFrom(type, raw);
      ObjectNode object = ProtoToJson.object(message);
      ObjectNode ordered = dev.kubemu.core.object.Json.object();
      ordered.put("kind", kind);
      ordered.put("apiVersion", apiVersion);
      ordered.setAll(object);
      return ordered;
    } catch (InvalidProtocolBufferException e) {
      throw new ProtobufDecodeException("unable to decode the protobuf body: " + e.getMessage());
    }
  }
}
