package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;

/** The Kubernetes release whose behaviour kubemu follows, as {@code /version} reports it. */
public record VersionInfo(int major, int minor, int patch) {
  /** kube-apiserver v1.33: the behaviour and Table formats kubemu reproduces. */
  public static final VersionInfo DEFAULT = new VersionInfo(1, 33, 1);

  public String gitVersion() {
    return "v" + major + "." + minor + "." + patch;
  }

  ObjectNode toJson() {
    ObjectNode v = Json.object();
    v.put("major", Integer.toString(major));
    v.put("minor", Integer.toString(minor));
    v.put("emulationMajor", Integer.toString(major));
    v.put("emulationMinor", Integer.toString(minor));
    v.put("minCompatibilityMajor", Integer.toString(major));
    v.put("minCompatibilityMinor", Integer.toString(minor - 1));
    v.put("gitVersion", gitVersion());
    v.put("gitCommit", "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2025-05-15T08:19:08Z");
    v.put("goVersion", "go1.24.2");
    v.put("compiler", "gc");
    v.put("platform", "linux/amd64");
    return v;
  }
}
