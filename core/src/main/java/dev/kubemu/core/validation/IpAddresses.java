package dev.kubemu.core.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literal parsing as Go's {@code netutils.ParseIPSloppy} accepts them, without any name lookup. */
public final class IpAddresses {
  private IpAddresses() {}

  /** The address bytes (4 or 16), or null when {@code text} is not an IP literal. */
  public static byte[] parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      return parseV4(text);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        return null;
      }
    }
    try {
      // only hex digits, colons and dots: a literal, so no lookup happens
      byte[] bytes = InetAddress.getByName(text).getAddress();
      if (bytes.length == 4) {
        // "::ffff:1.2.3.4" is an IPv4-mapped IPv6 address for Go too
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
      }
      return bytes;
    } catch (UnknownHostException | IllegalArgumentException e) {
      return null;
    }
  }

  public static boolean isV6(String text) {
    byte[] b = parse(text);
    return b != null && b.length == 16 && text.indexOf(':') >= 0;
  }

  private static byte[] parseV4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < p.length(); j++) {
        char c = p.charAt(j);
        if (c < '0' || c > '9') {
          return null;
        }
        v = v * 10 + (c - '0');
      }
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }
}
