package dev.kubemu.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} label value: FNV-1a (32 bit) over a canonical form of the pod template (plus the
 * collision count), printed as decimal and mapped digit by digit onto kube's safe alphabet, as
 * {@code rand.SafeEncodeString(fmt.Sprint(hash))} does. Same template, same value; the exact bits differ from
 * kube-controller-manager's (which hashes a Go deep-print), the alphabet and length do not.
 */
public final class PodTemplateHash {
  static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private PodTemplateHash() {}

  public static String of(JsonNode template, long collisionCount) {
    int hash = 0x811c9dc5;
    for (byte b : canonical(template).getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    if (collisionCount > 0) {
      for (int i = 0; i < 8; i++) {
        hash ^= (int) ((collisionCount >>> (8 * i)) & 0xff);
        hash *= 0x01000193;
      }
    }
    String decimal = Long.toString(Integer.toUnsignedLong(hash));
    var sb = new StringBuilder(decimal.length());
    for (char c : decimal.toCharArray()) {
      sb.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
    }
    return sb.toString();
  }

  private static String canonical(JsonNode template) {
    try {
      Object tree = CANONICAL.treeToValue(template, Object.class);
      return CANONICAL.writeValueAsString(tree);
    } catch (Exception e) {
      return template.toString();
    }
  }
}
