package dev.kubemu.kubelet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How containerd reports images: fully qualified names, digests, and sizes (stable per image name). */
final class ImageNames {
  private ImageNames() {}

  /** {@code nginx:1.25} → {@code docker.io/library/nginx:1.25}; adds {@code :latest} when untagged. */
  static String qualified(String image) {
    String name = image;
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    if (!hasRegistry) {
      name = (slash < 0 ? "docker.io/library/" : "docker.io/") + name;
    }
    String last = name.substring(name.lastIndexOf('/') + 1);
    if (!last.contains(":") && !last.contains("@")) {
      name = name + ":latest";
    }
    return name;
  }

  static String imageId(String image) {
    String q = qualified(image);
    int colon = q.lastIndexOf(':');
    String repo = q.contains("@") ? q.substring(0, q.indexOf('@')) : q.substring(0, colon);
    return repo + "@sha256:" + sha256(q);
  }

  static String containerId(String container, String image) {
    return sha256(container + "/" + image);
  }

  /** A plausible, stable image size in bytes (5 MB to 200 MB). */
  static long size(String image) {
    long h = Math.abs((long) sha256(image).hashCode());
    return 5_000_000L + h % 195_000_000L;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
