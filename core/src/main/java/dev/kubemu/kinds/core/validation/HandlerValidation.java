package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.List;

/** Probes and lifecycle hooks: exactly one handler, its fields, and the probe timings. */
public final class HandlerValidation {
  private static final List<String> PROBE_HANDLERS = List.of("exec", "httpGet", "tcpSocket", "grpc");
  private static final List<String> LIFECYCLE_HANDLERS = List.of("exec", "httpGet", "tcpSocket", "sleep");

  private HandlerValidation() {}

  /** A liveness or startup probe: a probe whose successThreshold must be 1. */
  public static List<FieldError> livenessOrStartup(JsonNode probe, Long gracePeriod, Path path) {
    var errs = new ArrayList<FieldError>();
    if (probe == null) {
      return errs;
    }
    errs.addAll(probe(probe, gracePeriod, path));
    long success = Nodes.number(probe, "successThreshold", 0);
    if (success != 1) {
      errs.add(path.child("successThreshold").invalid(success, "must be 1"));
    }
    return errs;
  }

  public static List<FieldError> readiness(JsonNode probe, Long gracePeriod, Path path) {
    var errs = new ArrayList<FieldError>();
    if (probe == null) {
      return errs;
    }
    errs.addAll(probe(probe, gracePeriod, path));
    if (Nodes.has(probe, "terminationGracePeriodSeconds")) {
      errs.add(path.child("terminationGracePeriodSeconds").invalid(probe.get("terminationGracePeriodSeconds")
          .asLong(), "must not be set for readinessProbes"));
    }
    return errs;
  }

  private static List<FieldError> probe(JsonNode probe, Long gracePeriod, Path path) {
    var errs = new ArrayList<FieldError>(handler(probe, PROBE_HANDLERS, gracePeriod, path));
    for (String f : List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold",
        "failureThreshold")) {
      errs.addAll(Checks.nonNegative(Nodes.number(probe, f, 0), path.child(f)));
    }
    if (Nodes.has(probe, "terminationGracePeriodSeconds") && probe.get("terminationGracePeriodSeconds").asLong() <= 0) {
      errs.add(path.child("terminationGracePeriodSeconds").invalid(probe.get("terminationGracePeriodSeconds")
          .asLong(), "must be greater than 0"));
    }
    return errs;
  }

  /** postStart and preStop. */
  public static List<FieldError> lifecycle(JsonNode lifecycle, Long gracePeriod, Path path) {
    var errs = new ArrayList<FieldError>();
    for (String hook : List.of("postStart", "preStop")) {
      if (Nodes.has(lifecycle, hook)) {
        errs.addAll(handler(lifecycle.get(hook), LIFECYCLE_HANDLERS, gracePeriod, path.child(hook)));
      }
    }
    return errs;
  }

  private static List<FieldError> handler(JsonNode h, List<String> kinds, Long gracePeriod, Path path) {
    var errs = new ArrayList<FieldError>();
    int handlers = 0;
    for (String kind : kinds) {
      if (!Nodes.has(h, kind)) {
        continue;
      }
      if (handlers > 0) {
        errs.add(path.child(kind).forbidden("may not specify more than 1 handler type"));
        continue;
      }
      handlers++;
      JsonNode action = h.get(kind);
      Path p = path.child(kind);
      switch (kind) {
        case "exec" -> {
          if (action.path("command").isEmpty()) {
            errs.add(p.child("command").required(""));
          }
        }
        case "httpGet" -> errs.addAll(httpGet(action, p));
        case "tcpSocket" -> errs.addAll(portNumOrName(action.get("port"), p.child("port")));
        case "grpc" -> {
          long port = Nodes.number(action, "port", 0);
          for (String msg : Syntax.portNumber(port)) {
            errs.add(p.child("port").invalid(port, msg));
          }
        }
        case "sleep" -> {
          long seconds = Nodes.number(action, "seconds", 0);
          if (gracePeriod != null && (seconds < 0 || seconds > gracePeriod)) {
            errs.add(p.invalid(seconds, "must be non-negative and less than terminationGracePeriodSeconds ("
                + gracePeriod + ")"));
          }
        }
        default -> throw new IllegalStateException(kind);
      }
    }
    if (handlers == 0) {
      errs.add(path.required("must specify a handler type"));
    }
    return errs;
  }

  private static List<FieldError> httpGet(JsonNode http, Path path) {
    var errs = new ArrayList<FieldError>();
    if (Nodes.text(http, "path").isEmpty()) {
      errs.add(path.child("path").required(""));
    }
    errs.addAll(portNumOrName(http.get("port"), path.child("port")));
    String scheme = Nodes.text(http, "scheme");
    if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
      errs.add(path.child("scheme").notSupported(scheme, List.of("HTTP", "HTTPS")));
    }
    for (JsonNode header : http.path("httpHeaders")) {
      String name = Nodes.text(header, "name");
      for (String msg : Syntax.httpHeaderName(name)) {
        errs.add(path.child("httpHeaders").invalid(name, msg));
      }
    }
    return errs;
  }

  /** ValidatePortNumOrName: an int-or-string port, a number in range or an IANA-style port name. */
  public static List<FieldError> portNumOrName(JsonNode port, Path path) {
    var errs = new ArrayList<FieldError>();
    if (port != null && port.isTextual()) {
      String name = port.asText();
      for (String msg : Syntax.portName(name)) {
        errs.add(path.invalid(name, msg));
      }
    } else {
      long n = port == null || port.isNull() ? 0 : port.asLong();
      for (String msg : Syntax.portNumber(n)) {
        errs.add(path.invalid(n, msg));
      }
    }
    return errs;
  }
}
