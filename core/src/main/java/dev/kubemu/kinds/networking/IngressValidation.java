package dev.kubemu.kinds.networking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.validation.IpAddresses;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.List;

/** Ingresses as {@code pkg/apis/networking/validation} checks them: rules, hosts, paths, backends, TLS. */
public final class IngressValidation {
  private static final List<String> INVALID_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
  private static final List<String> INVALID_SUFFIXES = List.of("/..", "/.");

  private IngressValidation() {}

  public static List<FieldError> validate(JsonNode ingress) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = ingress.path("spec");
    Path path = Path.of("spec");
    JsonNode rules = spec.path("rules");
    boolean hasDefault = spec.hasNonNull("defaultBackend");
    if (rules.isEmpty() && !hasDefault) {
      errs.add(path.invalid(GoValue.slice("[]networking.IngressRule", spec.get("rules") == null
          || spec.get("rules").isNull() ? null : spec.get("rules"), r -> GoValue.raw("networking.IngressRule{...}")),
          "either `defaultBackend` or `rules` must be specified"));
    }
    if (hasDefault) {
      errs.addAll(backend(spec.get("defaultBackend"), path.child("defaultBackend")));
    }
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      Path rp = path.child("rules").index(i);
      String host = rule.path("host").asText("");
      if (!host.isEmpty()) {
        if (IpAddresses.parse(host) != null) {
          errs.add(rp.child("host").invalid(host, "must be a DNS name, not an IP address"));
        }
        List<String> msgs = host.contains("*") ? Syntax.wildcardDns1123Subdomain(host) : Syntax.dns1123Subdomain(host);
        for (String msg : msgs) {
          errs.add(rp.child("host").invalid(host, msg));
        }
      }
      if (rule.hasNonNull("http")) {
        JsonNode paths = rule.get("http").path("paths");
        Path hp = rp.child("http");
        if (paths.isEmpty()) {
          errs.add(hp.child("paths").required(""));
        }
        for (int j = 0; j < paths.size(); j++) {
          errs.addAll(httpPath(paths.get(j), hp.child("paths").index(j)));
        }
      }
    }
    JsonNode tls = spec.path("tls");
    for (int i = 0; i < tls.size(); i++) {
      JsonNode hosts = tls.get(i).path("hosts");
      for (int j = 0; j < hosts.size(); j++) {
        String host = hosts.get(j).asText("");
        List<String> msgs = host.contains("*") ? Syntax.wildcardDns1123Subdomain(host) : Syntax.dns1123Subdomain(host);
        for (String msg : msgs) {
          errs.add(path.child("tls").index(i).child("hosts").index(j).invalid(host, msg));
        }
      }
      String secret = tls.get(i).path("secretName").asText("");
      if (!secret.isEmpty()) {
        for (String msg : Syntax.DNS_SUBDOMAIN_NAME.problems(secret, false)) {
          errs.add(path.child("tls").index(i).child("secretName").invalid(secret, msg));
        }
      }
    }
    if (spec.hasNonNull("ingressClassName")) {
      String className = spec.get("ingressClassName").asText("");
      for (String msg : Syntax.DNS_SUBDOMAIN_NAME.problems(className, false)) {
        errs.add(path.child("ingressClassName").invalid(className, msg));
      }
    }
    return errs;
  }

  private static List<FieldError> httpPath(JsonNode p, Path path) {
    var errs = new ArrayList<FieldError>();
    if (!p.hasNonNull("pathType")) {
      errs.add(path.child("pathType").required("pathType must be specified"));
      return errs;
    }
    String type = p.get("pathType").asText("");
    String value = p.path("path").asText("");
    switch (type) {
      case "Exact", "Prefix" -> {
        if (!value.startsWith("/")) {
          errs.add(path.child("path").invalid(value, "must be an absolute path"));
        }
        if (!value.isEmpty()) {
          for (String seq : INVALID_SEQUENCES) {
            if (value.contains(seq)) {
              errs.add(path.child("path").invalid(value, "must not contain '" + seq + "'"));
            }
          }
          for (String suffix : INVALID_SUFFIXES) {
            if (value.endsWith(suffix)) {
              errs.add(path.child("path").invalid(value, "cannot end with '" + suffix + "'"));
            }
          }
        }
      }
      case "ImplementationSpecific" -> {
        if (!value.isEmpty() && !value.startsWith("/")) {
          errs.add(path.child("path").invalid(value, "must be an absolute path"));
        }
      }
      default -> errs.add(path.child("pathType").notSupported(type, List.of("Exact", "ImplementationSpecific", "Prefix")));
    }
    errs.addAll(backend(p.path("backend"), path.child("backend")));
    return errs;
  }

  private static List<FieldError> backend(JsonNode backend, Path path) {
    var errs = new ArrayList<FieldError>();
    boolean resource = backend.hasNonNull("resource");
    boolean service = backend.hasNonNull("service");
    if (resource && service) {
      errs.add(path.invalid("", "cannot set both resource and service backends"));
      return errs;
    }
    if (resource) {
      JsonNode ref = backend.get("resource");
      if (ref.path("kind").asText("").isEmpty()) {
        errs.add(path.child("resource", "kind").required(""));
      }
      if (ref.path("name").asText("").isEmpty()) {
        errs.add(path.child("resource", "name").required(""));
      }
      if (!ref.hasNonNull("apiGroup") || ref.get("apiGroup").asText("").isEmpty()) {
        errs.add(path.child("resource", "apiGroup").required("must be specified"));
      }
    } else if (service) {
      JsonNode svc = backend.get("service");
      String name = svc.path("name").asText("");
      if (name.isEmpty()) {
        errs.add(path.child("service", "name").required(""));
      } else {
        for (String msg : Syntax.DNS1035_LABEL_NAME.problems(name, false)) {
          errs.add(path.child("service", "name").invalid(name, msg));
        }
      }
      String portName = svc.path("port").path("name").asText("");
      long portNumber = svc.path("port").path("number").asLong(0);
      if (!portName.isEmpty() && portNumber != 0) {
        errs.add(path.invalid("", "cannot set both port name & port number"));
      } else if (!portName.isEmpty()) {
        for (String msg : Syntax.portName(portName)) {
          errs.add(path.child("service", "port", "name").invalid(portName, msg));
        }
      } else if (portNumber != 0) {
        for (String msg : Syntax.portNumber(portNumber)) {
          errs.add(path.child("service", "port", "number").invalid(portNumber, msg));
        }
      } else {
        errs.add(path.required("port name or number is required"));
      }
    } else {
      errs.add(path.invalid("", "resource or service backend is required"));
    }
    return errs;
  }
}
