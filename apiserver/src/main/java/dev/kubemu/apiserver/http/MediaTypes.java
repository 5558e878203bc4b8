package dev.kubemu.apiserver.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsing of Accept headers for the negotiations kubectl relies on (Tables, aggregated discovery). */
final class MediaTypes {
  static final String JSON = "application/json";
  static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
  static final String YAML = "application/yaml";

  private MediaTypes() {}

  /** One entry of an Accept header: type and parameters (lower-cased keys). */
  record MediaRange(String type, Map<String, String> params) {
    String param(String name) {
      return params.getOrDefault(name, "");
    }
  }

  static List<MediaRange> parseAccept(String header) {
    var ranges = new ArrayList<MediaRange>();
    if (header == null || header.isBlank()) {
      return ranges;
    }
    for (String part : header.split(",")) {
      String[] pieces = part.trim().split(";");
      var params = new LinkedHashMap<String, String>();
      for (int i = 1; i < pieces.length; i++) {
        String[] kv = pieces[i].trim().split("=", 2);
        if (kv.length == 2) {
          params.put(kv[0].trim().toLowerCase(Locale.ROOT), kv[1].trim());
        }
      }
      ranges.add(new MediaRange(pieces[0].trim().toLowerCase(Locale.ROOT), params));
    }
    return ranges;
  }

  /** The Table version asked for ({@code v1} or {@code v1beta1}) when the first acceptable entry is a Table. */
  static String tableVersion(String accept) {
    for (MediaRange r : parseAccept(accept)) {
      if (r.param("as").equals("Table") && r.param("g").equals("meta.k8s.io")
          && (r.param("v").equals("v1") || r.param("v").equals("v1beta1"))) {
        return r.param("v");
      }
      if (r.param("as").isEmpty()) {
        return null;
      }
    }
    return null;
  }

  /**
   * The aggregated discovery version ({@code v2}/{@code v2beta1}) of the first Accept entry that asks for one we
   * serve, or null when an entry for plain JSON comes first (legacy discovery).
   */
  static String aggregatedDiscoveryVersion(String accept) {
    for (MediaRange r : parseAccept(accept)) {
      if (r.param("g").equals("apidiscovery.k8s.io") && r.param("as").equals("APIGroupDiscoveryList")) {
        String v = r.param("v");
        if (v.equals("v2") || v.equals("v2beta1")) {
          return v;
        }
        continue;
      }
      if (r.param("as").isEmpty()) {
        return null;
      }
    }
    return null;
  }

  static String bareType(String contentType) {
    if (contentType == null) {
      return "";
    }
    return contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }
}
