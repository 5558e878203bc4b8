package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubemu.apiserver.protobuf.ProtobufBodyDecoder;
import dev.kubemu.apiserver.protobuf.ProtobufDecodeException;
import dev.kubemu.core.api.DuplicateField;
import dev.kubemu.core.api.PatchType;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.errors.ApiErrors;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;

/** Decodes request bodies by Content-Type: JSON (also when the header is missing), YAML and k8s protobuf. */
final class BodyReader {
  private static final String APPLY_YAML = PatchType.APPLY_YAML.mediaType();
  private final ObjectMapper json = new ObjectMapper();
  private final ObjectMapper yaml = new YAMLMapper();
  private final ProtobufBodyDecoder protobuf;

  BodyReader(ProtobufBodyDecoder protobuf) {
    this.protobuf = protobuf;
  }

  /** The body as an object; 400 when it is empty, malformed or not an object. */
  ObjectNode object(RoutingContext rc) {
    JsonNode node = tree(rc);
    if (!(node instanceof ObjectNode object)) {
      throw ApiErrors.badRequest("Object 'Kind' is missing in '" + abbreviate(rc.body().asString()) + "'");
    }
    return object;
  }

  /** The body as any JSON value (patches may be arrays). */
  JsonNode tree(RoutingContext rc) {
    byte[] bytes = rc.body() == null || rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    String type = MediaTypes.bareType(rc.request().getHeader("Content-Type"));
    if (type.equals(MediaTypes.PROTOBUF)) {
      try {
        return protobuf.decode(bytes);
      } catch (ProtobufDecodeException e) {
        throw ApiErrors.badRequest(e.getMessage());
      }
    }
    if (bytes.length == 0) {
      throw ApiErrors.badRequest("the body of the request is empty");
    }
    boolean isYaml = type.equals(MediaTypes.YAML) || type.equals(APPLY_YAML)
        && !looksLikeJson(bytes);
    try {
      JsonNode node = (isYaml ? yaml : json).readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw ApiErrors.badRequest("the body of the request is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiErrors.badRequest("couldn't get version/kind; json parse error: "
          + (isYaml ? e.getOriginalMessage() : GoJsonErrors.describe(e)));
    } catch (IOException e) {
      throw ApiErrors.badRequest("unable to read the request body: " + e.getMessage());
    }
  }

  /**
   * The request options of {@code rc}, with the body's duplicate fields when the request validates fields (they are
   * only looked for then, as kube-apiserver's strict decoder only reports them then).
   */
  RequestContext request(RoutingContext rc) {
    RequestContext request = QueryOptions.request(rc);
    if (request.fieldValidation() == RequestContext.FieldValidation.IGNORE || rc.body() == null
        || rc.body().buffer() == null) {
      return request;
    }
    String type = MediaTypes.bareType(rc.request().getHeader("Content-Type"));
    byte[] bytes = rc.body().buffer().getBytes();
    List<DuplicateField> duplicates;
    if (type.equals(MediaTypes.PROTOBUF) || type.equals(MediaTypes.YAML)) {
      return request;
    } else if (looksLikeJson(bytes)) {
      duplicates = DuplicateFields.inJson(bytes);
    } else if (type.equals(APPLY_YAML)) {
      duplicates = DuplicateFields.inYaml(bytes);
    } else {
      return request;
    }
    return duplicates.isEmpty() ? request : request.withDuplicateFields(duplicates);
  }

  private static boolean looksLikeJson(byte[] bytes) {
    for (byte b : bytes) {
      if (!Character.isWhitespace(b)) {
        return b == '{' || b == '[';
      }
    }
    return false;
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
