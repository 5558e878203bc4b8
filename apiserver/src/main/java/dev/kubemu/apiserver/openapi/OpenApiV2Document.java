package dev.kubemu.apiserver.openapi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi/v2} as kubectl 1.27/1.28 require it before apply/create/explain: a protobuf-encoded gnostic
 * {@code openapi_v2.Document}. It carries the swagger version and info only: with {@code fieldValidation} advertised
 * in OpenAPI v3, kubectl leaves validation to the server and builds strategic merge patches from its compiled-in
 * types, so no definitions are needed here.
 */
public final class OpenApiV2Document {
  /** The Content-Type kubectl parses (dotted form; the {@code @} form it sends in Accept fails to parse). */
  public static final String CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

  private OpenApiV2Document() {}

  public static byte[] minimal(String kubernetesVersion) {
    var info = new ByteArrayOutputStream();
    field(info, 1, "Kubernetes");
    field(info, 2, kubernetesVersion);
    var doc = new ByteArrayOutputStream();
    field(doc, 1, "2.0");
    field(doc, 2, info.toByteArray());
    return doc.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, int number, String value) {
    field(out, number, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A length-delimited protobuf field (wire type 2). */
  private static void field(ByteArrayOutputStream out, int number, byte[] value) {
    varint(out, (number << 3) | 2);
    varint(out, value.length);
    out.writeBytes(value);
  }

  private static void varint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7F) != 0) {
      out.write((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }
}
