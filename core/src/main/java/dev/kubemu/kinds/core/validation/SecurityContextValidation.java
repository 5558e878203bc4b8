package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Pod and container security contexts: user and group ids, sysctls, seccomp and AppArmor profiles. */
final class SecurityContextValidation {
  private static final long MAX_ID = Integer.MAX_VALUE;
  private static final Pattern SYSCTL = Pattern.compile(
      "([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?");

  private SecurityContextValidation() {}

  /** validatePodSpecSecurityContext. */
  static List<FieldError> pod(JsonNode sc, JsonNode spec, Path path) {
    var errs = new ArrayList<FieldError>();
    if (sc == null) {
      return errs;
    }
    errs.addAll(id(sc, "fsGroup", path));
    errs.addAll(id(sc, "runAsUser", path));
    errs.addAll(id(sc, "runAsGroup", path));
    JsonNode groups = sc.path("supplementalGroups");
    for (int i = 0; i < groups.size(); i++) {
      long gid = groups.get(i).asLong();
      if (gid < 0 || gid > MAX_ID) {
        errs.add(path.child("supplementalGroups").index(i).invalid(gid, Syntax.inclusiveRangeError(0, MAX_ID)));
      }
    }
    if (Nodes.has(sc, "shareProcessNamespace") && spec.path("hostPID").asBoolean(false)
        && sc.get("shareProcessNamespace").asBoolean()) {
      errs.add(path.child("shareProcessNamespace").invalid(true,
          "ShareProcessNamespace and HostPID cannot both be enabled"));
    }
    JsonNode sysctls = sc.path("sysctls");
    var names = new java.util.HashSet<String>();
    for (int i = 0; i < sysctls.size(); i++) {
      String name = Nodes.text(sysctls.get(i), "name");
      Path p = path.child("sysctls").index(i).child("name");
      if (name.isEmpty()) {
        errs.add(p.required(""));
      } else if (name.length() > 253 || !SYSCTL.matcher(name).matches()) {
        errs.add(p.invalid(name, "must have at most 253 characters and match regex ^" + SYSCTL.pattern() + "$"));
      } else if (names.contains(name)) {
        errs.add(p.duplicate(name));
      }
      names.add(name);
    }
    if (Nodes.has(sc, "fsGroupChangePolicy")) {
      String policy = Nodes.text(sc, "fsGroupChangePolicy");
      if (!policy.equals("Always") && !policy.equals("OnRootMismatch")) {
        errs.add(path.child("fsGroupChangePolicy").notSupported(policy, List.of("Always", "OnRootMismatch")));
      }
    }
    errs.addAll(seccomp(Nodes.get(sc, "seccompProfile"), path.child("seccompProfile")));
    errs.addAll(appArmor(Nodes.get(sc, "appArmorProfile"), path.child("appArmorProfile")));
    if (Nodes.has(sc, "supplementalGroupsPolicy")) {
      String policy = Nodes.text(sc, "supplementalGroupsPolicy");
      if (!policy.equals("Merge") && !policy.equals("Strict")) {
        errs.add(path.child("supplementalGroupsPolicy").notSupported(policy, List.of("Merge", "Strict")));
      }
    }
    if (Nodes.has(sc, "seLinuxChangePolicy")) {
      String policy = Nodes.text(sc, "seLinuxChangePolicy");
      if (!policy.equals("MountOption") && !policy.equals("Recursive")) {
        errs.add(path.child("seLinuxChangePolicy").notSupported(policy, List.of("MountOption", "Recursive")));
      }
    }
    return errs;
  }

  /** ValidateSecurityContext of a container. */
  static List<FieldError> container(JsonNode sc, boolean hostUsers, Path path) {
    var errs = new ArrayList<FieldError>();
    if (sc == null) {
      return errs;
    }
    errs.addAll(id(sc, "runAsUser", path));
    errs.addAll(id(sc, "runAsGroup", path));
    if (Nodes.has(sc, "procMount")) {
      String procMount = Nodes.text(sc, "procMount");
      if (!procMount.equals("Default") && !procMount.equals("Unmasked")) {
        errs.add(path.child("procMount").notSupported(procMount, List.of("Default", "Unmasked")));
      }
      if (hostUsers && procMount.equals("Unmasked")) {
        errs.add(path.child("procMount").invalid(procMount, "`hostUsers` must be false to use `Unmasked`"));
      }
    }
    errs.addAll(seccomp(Nodes.get(sc, "seccompProfile"), path.child("seccompProfile")));
    if (Nodes.has(sc, "allowPrivilegeEscalation") && !sc.get("allowPrivilegeEscalation").asBoolean()) {
      if (sc.path("privileged").asBoolean(false)) {
        errs.add(path.invalid(securityContext(sc),
            "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
      }
      for (JsonNode cap : sc.path("capabilities").path("add")) {
        if (cap.asText().equals("CAP_SYS_ADMIN")) {
          errs.add(path.invalid(securityContext(sc),
              "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
        }
      }
    }
    errs.addAll(appArmor(Nodes.get(sc, "appArmorProfile"), path.child("appArmorProfile")));
    return errs;
  }

  private static List<FieldError> id(JsonNode sc, String field, Path path) {
    if (Nodes.has(sc, field)) {
      long id = sc.get(field).asLong();
      if (id < 0 || id > MAX_ID) {
        return List.of(path.child(field).invalid(id, Syntax.inclusiveRangeError(0, MAX_ID)));
      }
    }
    return List.of();
  }

  private static List<FieldError> seccomp(JsonNode sp, Path path) {
    var errs = new ArrayList<FieldError>();
    if (sp == null) {
      return errs;
    }
    String type = Nodes.text(sp, "type");
    switch (type) {
      case "Localhost", "RuntimeDefault", "Unconfined" -> { }
      case "" -> errs.add(path.child("type").required("type is required when seccompProfile is set"));
      default -> errs.add(path.child("type").notSupported(type, List.of("Localhost", "RuntimeDefault", "Unconfined")));
    }
    if (type.equals("Localhost")) {
      if (!Nodes.has(sp, "localhostProfile")) {
        errs.add(path.child("localhostProfile").required("must be set when seccomp type is Localhost"));
      } else {
        errs.addAll(VolumeValidation.localDescendingPath(Nodes.text(sp, "localhostProfile"),
            path.child("localhostProfile")));
      }
    } else if (Nodes.has(sp, "localhostProfile")) {
      errs.add(path.child("localhostProfile").invalid(GoValue.struct("core.SeccompProfile")
              .string("Type", type).field("LocalhostProfile", GoValue.pointer("*string")).build(),
          "can only be set when seccomp type is Localhost"));
    }
    return errs;
  }

  private static List<FieldError> appArmor(JsonNode profile, Path path) {
    var errs = new ArrayList<FieldError>();
    if (profile == null) {
      return errs;
    }
    String type = Nodes.text(profile, "type");
    switch (type) {
      case "Localhost" -> {
        if (!Nodes.has(profile, "localhostProfile") || Nodes.text(profile, "localhostProfile").isBlank()) {
          errs.add(path.child("localhostProfile").required("must be set when AppArmor type is Localhost"));
        }
      }
      case "RuntimeDefault", "Unconfined" -> {
        if (Nodes.has(profile, "localhostProfile")) {
          errs.add(path.child("localhostProfile").invalid(Nodes.text(profile, "localhostProfile"),
              "can only be set when AppArmor type is Localhost"));
        }
      }
      case "" -> errs.add(path.child("type").required("type is required when appArmorProfile is set"));
      default -> errs.add(path.child("type").notSupported(type, List.of("Localhost", "RuntimeDefault", "Unconfined")));
    }
    return errs;
  }

  /** The internal {@code core.SecurityContext} as {@code %#v} shows it (pointers print as addresses). */
  private static GoValue securityContext(JsonNode sc) {
    var s = GoValue.struct("core.SecurityContext");
    String[][] fields = {{"Capabilities", "capabilities", "*core.Capabilities"},
        {"Privileged", "privileged", "*bool"}, {"SELinuxOptions", "seLinuxOptions", "*core.SELinuxOptions"},
        {"WindowsOptions", "windowsOptions", "*core.WindowsSecurityContextOptions"},
        {"RunAsUser", "runAsUser", "*int64"}, {"RunAsGroup", "runAsGroup", "*int64"},
        {"RunAsNonRoot", "runAsNonRoot", "*bool"}, {"ReadOnlyRootFilesystem", "readOnlyRootFilesystem", "*bool"},
        {"AllowPrivilegeEscalation", "allowPrivilegeEscalation", "*bool"},
        {"ProcMount", "procMount", "*core.ProcMountType"}, {"SeccompProfile", "seccompProfile", "*core.SeccompProfile"},
        {"AppArmorProfile", "appArmorProfile", "*core.AppArmorProfile"}};
    for (String[] f : fields) {
      s.field(f[0], Nodes.has(sc, f[1]) ? GoValue.pointer(f[2]) : GoValue.nil(f[2]));
    }
    return s.build();
  }
}
