package dev.kubemu.kinds.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.object.Meta;
import dev.kubemu.kinds.core.PodSpecDefaults;
import java.util.List;

/**
 * Jobs: unless {@code manualSelector} is set, the server generates the selector and template labels from the Job's
 * uid and name as kube-apiserver does (labels the user already set are kept, and validation then refuses a
 * mismatch); SetDefaults_Job; {@link JobValidation}.
 */
public final class JobStrategy implements ResourceStrategy {
  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";
  static final String LEGACY_CONTROLLER_UID = "controller-uid";
  static final String LEGACY_JOB_NAME = "job-name";

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  public void prepareForCreate(ObjectNode job, WriteContext ctx) {
    job.putObject("status");
    if (!(job.get("spec") instanceof ObjectNode spec) || spec.path("manualSelector").asBoolean(false)) {
      return;
    }
    String uid = Meta.uid(job);
    ObjectNode template = spec.get("template") instanceof ObjectNode t ? t : spec.putObject("template");
    ObjectNode meta = template.get("metadata") instanceof ObjectNode m ? m : template.putObject("metadata");
    ObjectNode labels = meta.get("labels") instanceof ObjectNode l ? l : meta.putObject("labels");
    for (String key : List.of(LEGACY_JOB_NAME, JOB_NAME)) {
      if (!labels.has(key)) {
        labels.put(key, Meta.name(job));
      }
    }
    for (String key : List.of(LEGACY_CONTROLLER_UID, CONTROLLER_UID)) {
      if (!labels.has(key)) {
        labels.put(key, uid);
      }
    }
    ObjectNode selector = spec.get("selector") instanceof ObjectNode s ? s : spec.putObject("selector");
    ObjectNode matchLabels = selector.get("matchLabels") instanceof ObjectNode ml ? ml : selector.putObject("matchLabels");
    if (!matchLabels.has(CONTROLLER_UID)) {
      matchLabels.put(CONTROLLER_UID, uid);
    }
  }

  @Override
  public void applyDefaults(ObjectNode job, WriteContext ctx) {
    if (!(job.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    JobDefaults.apply(spec);
    if (spec.get("template") instanceof ObjectNode template) {
      PodSpecDefaults.template(template);
      // SetDefaults_Job: a Job without labels takes its template's
      JsonNode templateLabels = template.path("metadata").get("labels");
      ObjectNode meta = Meta.metaForWrite(job);
      if (templateLabels instanceof ObjectNode l && (!(meta.get("labels") instanceof ObjectNode own) || own.isEmpty())) {
        meta.set("labels", l.deepCopy());
      }
    }
  }

  @Override
  public List<FieldError> validate(JsonNode job, WriteContext ctx) {
    return JobValidation.job(job);
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode job, JsonNode old, WriteContext ctx) {
    return JobValidation.jobUpdate(job, old);
  }

  /** SetDefaults_Job's spec part (the JobSpec of a Job, not of a CronJob's template). */
  public static final class JobDefaults {
    private JobDefaults() {}

    public static void apply(ObjectNode spec) {
      if (!spec.hasNonNull("completions") && !spec.hasNonNull("parallelism")) {
        spec.put("completions", 1);
        spec.put("parallelism", 1);
      }
      if (!spec.hasNonNull("parallelism")) {
        spec.put("parallelism", 1);
      }
      if (!spec.hasNonNull("backoffLimit")) {
        spec.put("backoffLimit", spec.hasNonNull("backoffLimitPerIndex") ? Integer.MAX_VALUE : 6);
      }
      if (!spec.hasNonNull("completionMode")) {
        spec.put("completionMode", "NonIndexed");
      }
      if (!spec.hasNonNull("suspend")) {
        spec.put("suspend", false);
      }
      if (spec.path("podFailurePolicy").path("rules") instanceof com.fasterxml.jackson.databind.node.ArrayNode rules) {
        for (JsonNode rule : rules) {
          for (JsonNode pattern : rule.path("onPodConditions")) {
            if (pattern instanceof ObjectNode p && p.path("status").asText("").isEmpty()) {
              p.put("status", "True");
            }
          }
        }
      }
      if (!spec.hasNonNull("podReplacementPolicy")) {
        spec.put("podReplacementPolicy", spec.hasNonNull("podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
      }
    }
  }
}
