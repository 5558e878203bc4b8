package dev.kubemu.core.api;

import dev.kubemu.core.errors.ApiErrors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code continue} token: the snapshot revision and the last key served, base64-encoded. */
record ContinueToken(long resourceVersion, String lastKey) {
  String encode() {
    String raw = "{\"v\":\"meta.k8s.io/v1\",\"rv\":" + resourceVersion + ",\"start\":\"" + lastKey + "\"}";
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static ContinueToken decode(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      var node = dev.kubemu.core.object.Json.MAPPER.readTree(raw);
      long rv = node.path("rv").asLong(-1);
      String start = node.path("start").asText(null);
      if (rv < 0 || start == null) {
        throw new IllegalArgumentException("incomplete token");
      }
      return new ContinueToken(rv, start);
    } catch (Exception e) {
      throw ApiErrors.badRequest("continue key is not valid: " + e.getMessage());
    }
  }
}
