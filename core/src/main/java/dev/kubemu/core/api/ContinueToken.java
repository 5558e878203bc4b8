package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code continue} token: the snapshot revision and the last key served, as JSON in unpadded base64url,
 * shaped like kube-apiserver's ({@code {"v":"meta.k8s.io/v1","rv":…,"start":…}}). A token that does not decode gets
 * kube-apiserver's 400 and its wording for each way a token can be wrong.
 */
record ContinueToken(long resourceVersion, String lastKey) {
  private static final String VERSION = "meta.k8s.io/v1";
  private static final String NOT_VALID = "continue key is not valid";

  String encode() {
    var token = Json.object();
    token.put("v", VERSION);
    token.put("rv", resourceVersion);
    token.put("start", lastKey);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(token));
  }

  static ContinueToken decode(String token) {
    int bad = firstNonBase64Url(token);
    if (bad >= 0) {
      throw invalid(NOT_VALID + ": illegal base64 data at input byte " + bad);
    }
    byte[] raw = Base64.getUrlDecoder().decode(token);
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(raw);
    } catch (java.io.IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw invalid(NOT_VALID + ": " + jsonError(raw));
    }
    String version = node.path("v").asText("");
    if (!VERSION.equals(version)) {
      throw invalid(NOT_VALID + ": server does not recognize this encoded version " + version);
    }
    long rv = node.path("rv").asLong(0);
    if (rv <= 0) {
      throw invalid(NOT_VALID + ": incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    }
    String start = node.path("start").asText("");
    if (start.isEmpty()) {
      throw invalid(NOT_VALID + ": encoded start key empty (version meta.k8s.io/v1)");
    }
    return new ContinueToken(rv, start);
  }

  private static ApiException invalid(String detail) {
    return ApiErrors.badRequest("invalid continue token: " + detail);
  }

  /**
   * The offset Go's unpadded base64url decoder reports: the first byte outside the alphabet, or the last one when the
   * length leaves a lone trailing character; -1 when the token decodes.
   */
  private static int firstNonBase64Url(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
          || c == '_';
      if (!ok) {
        return i;
      }
    }
    return token.length() % 4 == 1 ? token.length() - 1 : -1;
  }

  /** The gist of encoding/json's complaint about bytes that are not a JSON object. */
  private static String jsonError(byte[] raw) {
    for (byte b : raw) {
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        continue;
      }
      if (b == '{') {
        return "unexpected end of JSON input";
      }
      char c = (char) (b & 0xff);
      String shown = c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", b & 0xff);
      return "invalid character '" + shown + "' looking for beginning of value";
    }
    return "unexpected end of JSON input";
  }
}
