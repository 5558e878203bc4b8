package dev.kubemu.kinds.networking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.IpAddresses;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** NetworkPolicies: SetDefaults_NetworkPolicy(Port) and ValidateNetworkPolicySpec. */
public final class NetworkPolicyValidation {
  private static final String CIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

  private NetworkPolicyValidation() {}

  /** Ports default to TCP; without policyTypes a policy is an Ingress policy, and an Egress one too if it has egress rules. */
  public static void defaults(ObjectNode policy) {
    if (!(policy.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    for (String direction : List.of("ingress", "egress")) {
      for (JsonNode rule : spec.path(direction)) {
        for (JsonNode port : rule.path("ports")) {
          if (port instanceof ObjectNode p && !p.hasNonNull("protocol")) {
            p.put("protocol", "TCP");
          }
        }
      }
    }
    if (spec.path("policyTypes").isEmpty()) {
      ArrayNode types = spec.putArray("policyTypes");
      types.add("Ingress");
      if (!spec.path("egress").isEmpty()) {
        types.add("Egress");
      }
    }
  }

  public static List<FieldError> validate(JsonNode policy) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = policy.path("spec");
    Path path = Path.of("spec");
    errs.addAll(Checks.labelSelector(spec.path("podSelector"), path.child("podSelector"), false));
    for (String[] dir : new String[][] {{"ingress", "from"}, {"egress", "to"}}) {
      JsonNode rules = spec.path(dir[0]);
      for (int i = 0; i < rules.size(); i++) {
        Path rp = path.child(dir[0]).index(i);
        JsonNode ports = rules.get(i).path("ports");
        for (int j = 0; j < ports.size(); j++) {
          errs.addAll(port(ports.get(j), rp.child("ports").index(j)));
        }
        JsonNode peers = rules.get(i).path(dir[1]);
        for (int j = 0; j < peers.size(); j++) {
          errs.addAll(peer(peers.get(j), rp.child(dir[1]).index(j)));
        }
      }
    }
    JsonNode types = spec.path("policyTypes");
    if (types.size() > 2) {
      errs.add(path.child("policyTypes").invalid(dev.kubemu.core.errors.GoValue.pointer("*[]networking.PolicyType"),
          "may not specify more than two policyTypes"));
      return errs;
    }
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i).asText("");
      if (!type.equals("Ingress") && !type.equals("Egress")) {
        errs.add(path.child("policyTypes").index(i).notSupported(type, List.of("Ingress", "Egress")));
      }
    }
    return errs;
  }

  private static List<FieldError> port(JsonNode port, Path path) {
    var errs = new ArrayList<FieldError>();
    String protocol = port.path("protocol").asText("TCP");
    if (!List.of("TCP", "UDP", "SCTP").contains(protocol)) {
      errs.add(path.child("protocol").notSupported(protocol, List.of("TCP", "UDP", "SCTP")));
    }
    JsonNode p = port.get("port");
    JsonNode end = port.get("endPort");
    boolean hasEnd = end != null && !end.isNull();
    if (p != null && !p.isNull()) {
      if (p.isNumber()) {
        for (String msg : Syntax.portNumber(p.asLong())) {
          errs.add(path.child("port").invalid(p.asLong(), msg));
        }
        if (hasEnd) {
          if (end.asLong() < p.asLong()) {
            errs.add(path.child("endPort").invalid(p.asLong(), "must be greater than or equal to `port`"));
          }
          for (String msg : Syntax.portNumber(end.asLong())) {
            errs.add(path.child("endPort").invalid(end.asLong(), msg));
          }
        }
      } else {
        if (hasEnd) {
          errs.add(path.child("endPort").invalid(end.asLong(), "may not be specified when `port` is non-numeric"));
        }
        for (String msg : Syntax.portName(p.asText())) {
          errs.add(path.child("port").invalid(p.asText(), msg));
        }
      }
    } else if (hasEnd) {
      errs.add(path.child("endPort").invalid(end.asLong(), "may not be specified when `port` is not specified"));
    }
    return errs;
  }

  private static List<FieldError> peer(JsonNode peer, Path path) {
    var errs = new ArrayList<FieldError>();
    int peers = 0;
    for (String selector : List.of("podSelector", "namespaceSelector")) {
      if (peer.hasNonNull(selector)) {
        peers++;
        errs.addAll(Checks.labelSelector(peer.get(selector), path.child(selector), false));
      }
    }
    boolean ipBlock = peer.hasNonNull("ipBlock");
    if (ipBlock) {
      peers++;
      errs.addAll(ipBlock(peer.get("ipBlock"), path.child("ipBlock")));
    }
    if (peers == 0) {
      errs.add(path.required("must specify a peer"));
    } else if (peers > 1 && ipBlock) {
      errs.add(path.forbidden("may not specify both ipBlock and another peer"));
    }
    return errs;
  }

  private static List<FieldError> ipBlock(JsonNode block, Path path) {
    var errs = new ArrayList<FieldError>();
    String cidr = block.path("cidr").asText("");
    if (cidr.isEmpty()) {
      errs.add(path.child("cidr").required(""));
      return errs;
    }
    Network net = Network.parse(cidr);
    if (net == null) {
      errs.add(path.child("cidr").invalid(cidr, CIDR));
      return errs;
    }
    JsonNode except = block.path("except");
    for (int i = 0; i < except.size(); i++) {
      String text = except.get(i).asText("");
      Network ex = Network.parse(text);
      if (ex == null) {
        errs.add(path.child("except").index(i).invalid(text, CIDR));
      } else if (!net.contains(ex.address) || net.bits >= ex.bits) {
        errs.add(path.child("except").index(i).invalid(text, "must be a strict subset of `cidr`"));
      }
    }
    return errs;
  }

  /** A CIDR: the network address and prefix length. */
  private record Network(byte[] address, int bits) {
    static Network parse(String cidr) {
      int slash = cidr.indexOf('/');
      if (slash < 0) {
        return null;
      }
      byte[] ip = IpAddresses.parse(cidr.substring(0, slash));
      if (ip == null) {
        return null;
      }
      try {
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        return bits < 0 || bits > ip.length * 8 ? null : new Network(ip, bits);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    boolean contains(byte[] other) {
      if (other.length != address.length) {
        return false;
      }
      int total = address.length * 8;
      BigInteger mask = BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE)
          .xor(BigInteger.ONE.shiftLeft(total - bits).subtract(BigInteger.ONE));
      return new BigInteger(1, address).and(mask).equals(new BigInteger(1, other).and(mask));
    }
  }
}
