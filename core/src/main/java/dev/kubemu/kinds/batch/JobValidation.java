package dev.kubemu.kinds.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.GoSyntax;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import dev.kubemu.kinds.core.validation.PodTemplateValidation;
import java.util.ArrayList;
import java.util.List;

/** Jobs and CronJobs as kube-apiserver 1.33's {@code pkg/apis/batch/validation} checks them. */
public final class JobValidation {
  private static final int MAX_PARALLELISM_FOR_INDEXED = 100_000;

  private JobValidation() {}

  public static List<FieldError> job(JsonNode job) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = job.path("spec");
    errs.addAll(generatedSelector(job));
    errs.addAll(jobSpecWithSelector(spec, Path.of("spec")));
    if (spec.path("completionMode").asText("").equals("Indexed") && spec.path("completions").asLong(0) > 0) {
      String hostname = Meta.name(job) + "-" + (spec.path("completions").asLong() - 1);
      if (!Syntax.dns1123Label(hostname).isEmpty()) {
        errs.add(Path.of("metadata", "name").invalid(Meta.name(job),
            "will not able to create pod with invalid DNS label: " + hostname));
      }
    }
    return errs;
  }

  /** The labels the server put on the template for its generated selector must still be there. */
  private static List<FieldError> generatedSelector(JsonNode job) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = job.path("spec");
    if (spec.path("manualSelector").asBoolean(false)) {
      return errs;
    }
    JsonNode labels = spec.path("template").path("metadata").get("labels");
    Path meta = Path.of("spec", "template", "metadata");
    if (labels == null || labels.isNull()) {
      errs.add(meta.invalid(null, "labels must be set"));
    }
    if (Meta.uid(job).isEmpty()) {
      errs.add(Path.of("metadata", "uid").required(""));
    }
    errs.addAll(hasLabel(labels, meta, JobStrategy.LEGACY_CONTROLLER_UID, Meta.uid(job)));
    errs.addAll(hasLabel(labels, meta, JobStrategy.LEGACY_JOB_NAME, Meta.name(job)));
    errs.addAll(hasLabel(labels, meta, JobStrategy.CONTROLLER_UID, Meta.uid(job)));
    errs.addAll(hasLabel(labels, meta, JobStrategy.JOB_NAME, Meta.name(job)));
    try {
      JsonNode selector = spec.get("selector");
      if (!LabelSelector.fromJson(selector).matches(java.util.Map.of(JobStrategy.CONTROLLER_UID, Meta.uid(job)))) {
        errs.add(Path.of("spec", "selector").invalid(selector == null || selector.isNull()
            ? GoValue.nil("*v1.LabelSelector") : GoValue.labelSelector(selector), "`selector` not auto-generated"));
      }
    } catch (IllegalArgumentException e) {
      // reported by the selector validation
    }
    return errs;
  }

  private static List<FieldError> hasLabel(JsonNode labels, Path meta, String key, String expected) {
    JsonNode actual = labels == null ? null : labels.get(key);
    if (actual == null) {
      return List.of(meta.child("labels").key(key).required("must be '" + expected + "'"));
    }
    if (!actual.asText().equals(expected)) {
      return List.of(meta.child("labels").key(key).invalid(GoValue.stringMap(labels), "must be '" + expected + "'"));
    }
    return List.of();
  }

  /** ValidateJobSpec: the spec, a selector, and a template the selector selects. */
  private static List<FieldError> jobSpecWithSelector(JsonNode spec, Path path) {
    var errs = new ArrayList<>(jobSpec(spec, path));
    JsonNode selector = spec.get("selector");
    if (selector == null || selector.isNull()) {
      errs.add(path.child("selector").required(""));
    } else {
      errs.addAll(Checks.labelSelector(selector, path.child("selector"), false));
    }
    try {
      if (!LabelSelector.fromJson(selector).matches(Meta.labels(spec.path("template")))) {
        errs.add(path.child("template", "metadata", "labels").invalid(
            GoValue.stringMap(spec.path("template").path("metadata").get("labels")),
            "`selector` does not match template `labels`"));
      }
    } catch (IllegalArgumentException e) {
      // reported by the selector validation
    }
    return errs;
  }

  /** validateJobSpec: counts, completion mode and the pod template, whose pods must not restart always. */
  static List<FieldError> jobSpec(JsonNode spec, Path path) {
    var errs = new ArrayList<FieldError>();
    for (String f : List.of("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
        "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes")) {
      errs.addAll(Checks.nonNegative(spec.get(f), path.child(f)));
    }
    if (spec.hasNonNull("completionMode")) {
      String mode = spec.get("completionMode").asText("");
      if (!mode.equals("NonIndexed") && !mode.equals("Indexed")) {
        errs.add(path.child("completionMode").notSupported(mode, List.of("NonIndexed", "Indexed")));
      }
      if (mode.equals("Indexed")) {
        if (!spec.hasNonNull("completions")) {
          errs.add(path.child("completions").required("when completion mode is Indexed"));
        }
        if (spec.path("parallelism").asLong(0) > MAX_PARALLELISM_FOR_INDEXED) {
          errs.add(path.child("parallelism").invalid(spec.path("parallelism").asLong(),
              "must be less than or equal to " + MAX_PARALLELISM_FOR_INDEXED + " when completion mode is Indexed"));
        }
      }
    }
    if (spec.hasNonNull("podReplacementPolicy")) {
      String policy = spec.get("podReplacementPolicy").asText("");
      boolean failurePolicy = spec.hasNonNull("podFailurePolicy");
      List<String> allowed = failurePolicy ? List.of("Failed") : List.of("TerminatingOrFailed", "Failed");
      if (!allowed.contains(policy)) {
        errs.add(path.child("podReplacementPolicy").notSupported(policy, allowed));
      }
    }
    Path tp = path.child("template");
    errs.addAll(PodTemplateValidation.validate(spec.path("template"), tp));
    String restart = spec.path("template").path("spec").path("restartPolicy").asText("");
    Path rp = tp.child("spec", "restartPolicy");
    if (restart.equals("Always") || restart.isEmpty()) {
      errs.add(rp.required("valid values: \"OnFailure\", \"Never\""));
    } else if (!restart.equals("OnFailure") && !restart.equals("Never")) {
      errs.add(rp.notSupported(restart, List.of("OnFailure", "Never")));
    } else if (spec.hasNonNull("podFailurePolicy") && !restart.equals("Never")) {
      errs.add(rp.invalid(restart, "only \"Never\" is supported when podFailurePolicy is specified"));
    }
    return errs;
  }

  /**
   * ValidateJobUpdate: the spec as on create, then the immutable parts: selector, template (except scheduling
   * directives of a suspended job that never ran), completion mode and failure policy.
   */
  public static List<FieldError> jobUpdate(JsonNode job, JsonNode old) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = job.path("spec");
    JsonNode oldSpec = old.path("spec");
    Path path = Path.of("spec");
    errs.addAll(jobSpecWithSelector(spec, path));
    boolean indexed = spec.path("completionMode").asText("").equals("Indexed");
    if (!Checks.semanticallyEqual(spec.get("completions"), oldSpec.get("completions"))) {
      Long completions = spec.hasNonNull("completions") ? spec.get("completions").asLong() : null;
      if (!indexed) {
        errs.add(path.child("completions").invalid(completions, Checks.IMMUTABLE));
      } else if (completions != null && completions != spec.path("parallelism").asLong(1)) {
        // ElasticIndexedJob (on since 1.27)
        errs.add(path.child("completions").invalid(completions,
            "can only be modified in tandem with spec.parallelism"));
      }
    }
    JsonNode selector = spec.get("selector");
    errs.addAll(Checks.immutable(selector, oldSpec.get("selector"), selector == null || selector.isNull()
        ? GoValue.nil("*v1.LabelSelector") : GoValue.labelSelector(selector), path.child("selector")));
    JsonNode oldTemplate = oldSpec.path("template");
    boolean mutableScheduling = spec.path("suspend").asBoolean(false) && !old.path("status").hasNonNull("startTime");
    if (mutableScheduling && oldTemplate instanceof ObjectNode o) {
      ObjectNode relaxed = o.deepCopy();
      JsonNode template = spec.path("template");
      for (String f : List.of("labels", "annotations")) {
        copy(template.path("metadata"), object(relaxed, "metadata"), f);
      }
      for (String f : List.of("nodeSelector", "tolerations", "schedulingGates")) {
        copy(template.path("spec"), object(relaxed, "spec"), f);
      }
      JsonNode affinity = template.path("spec").get("affinity");
      if (affinity != null && relaxed.path("spec").get("affinity") instanceof ObjectNode oldAffinity) {
        copy(affinity, oldAffinity, "nodeAffinity");
      }
      oldTemplate = relaxed;
    }
    errs.addAll(Checks.immutable(spec.get("template"), oldTemplate,
        GoSyntax.of("io.k8s.api.core.v1.PodTemplateSpec", spec.get("template")), path.child("template")));
    errs.addAll(Checks.immutable(spec.get("completionMode"), oldSpec.get("completionMode"),
        GoValue.string(spec.path("completionMode").asText("")), path.child("completionMode")));
    if (!Checks.semanticallyEqual(spec.get("podFailurePolicy"), oldSpec.get("podFailurePolicy"))) {
      errs.add(path.child("podFailurePolicy").invalid(GoSyntax.of("io.k8s.api.batch.v1.PodFailurePolicy",
          spec.get("podFailurePolicy")), Checks.IMMUTABLE));
    }
    return errs;
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    return parent.get(field) instanceof ObjectNode o ? o : parent.putObject(field);
  }

  private static void copy(JsonNode from, ObjectNode to, String field) {
    JsonNode v = from.get(field);
    if (v == null) {
      to.remove(field);
    } else {
      to.set(field, v.deepCopy());
    }
  }

  // ------------------------------------------------------------------ CronJob

  public static List<FieldError> cronJob(JsonNode cronJob) {
    var errs = new ArrayList<>(cronJobSpec(cronJob.path("spec"), null));
    String name = Meta.name(cronJob);
    if (name.length() > 52) {
      errs.add(Path.of("metadata", "name").invalid(name, "must be no more than 52 characters"));
    }
    return errs;
  }

  public static List<FieldError> cronJobUpdate(JsonNode cronJob, JsonNode old) {
    return cronJobSpec(cronJob.path("spec"), old.path("spec"));
  }

  private static List<FieldError> cronJobSpec(JsonNode spec, JsonNode oldSpec) {
    var errs = new ArrayList<FieldError>();
    Path path = Path.of("spec");
    String schedule = spec.path("schedule").asText("");
    JsonNode timeZone = spec.get("timeZone");
    boolean hasTimeZone = timeZone != null && !timeZone.isNull();
    if (schedule.isEmpty()) {
      errs.add(path.child("schedule").required(""));
    } else {
      String err = CronSchedule.error(schedule);
      if (err != null) {
        errs.add(path.child("schedule").invalid(schedule, err));
      }
      boolean allowTz = oldSpec != null && oldSpec.path("schedule").asText("").contains("TZ");
      if (allowTz && schedule.contains("TZ") && hasTimeZone) {
        errs.add(path.child("schedule").invalid(schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
      } else if (!allowTz && schedule.contains("TZ")) {
        errs.add(path.child("schedule").invalid(schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field "
            + "instead"));
      }
    }
    String policy = spec.path("concurrencyPolicy").asText("");
    switch (policy) {
      case "Allow", "Forbid", "Replace" -> { }
      case "" -> errs.add(path.child("concurrencyPolicy").required(""));
      default -> errs.add(path.child("concurrencyPolicy").notSupported(policy, List.of("Allow", "Forbid", "Replace")));
    }
    Path jt = path.child("jobTemplate");
    JsonNode jobSpec = spec.path("jobTemplate").path("spec");
    errs.addAll(jobSpec(jobSpec, jt.child("spec")));
    if (jobSpec.hasNonNull("selector")) {
      errs.add(jt.child("spec", "selector").invalid(GoValue.labelSelector(jobSpec.get("selector")),
          "`selector` will be auto-generated"));
    }
    if (jobSpec.path("manualSelector").asBoolean(false)) {
      errs.add(jt.child("spec", "manualSelector").notSupported(true, List.of("nil", "false")));
    }
    if (hasTimeZone) {
      String zone = timeZone.asText("");
      if (zone.isEmpty()) {
        errs.add(path.child("timeZone").invalid(zone, "timeZone must be nil or non-empty string"));
      } else if (zone.equalsIgnoreCase("Local")) {
        errs.add(path.child("timeZone").invalid(zone,
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
      } else if (!CronSchedule.knownZone(zone)) {
        errs.add(path.child("timeZone").invalid(zone, "unknown time zone " + zone));
      }
    }
    for (String f : List.of("startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit")) {
      errs.addAll(Checks.nonNegative(spec.get(f), path.child(f)));
    }
    return errs;
  }
}
