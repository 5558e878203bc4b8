package dev.kubemu.kinds.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.object.Meta;
import dev.kubemu.kinds.core.PodSpecDefaults;
import dev.kubemu.kinds.core.PodSpecValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs: unless {@code manualSelector} is set, the server generates the selector and template labels from the Job's
 * uid ({@code batch.kubernetes.io/controller-uid}) as kube-apiserver does; defaults completions, parallelism,
 * backoffLimit and completion mode; template restartPolicy must be Never or OnFailure.
 */
public final class JobStrategy implements ResourceStrategy {
  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";

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
    spec.putObject("selector").putObject("matchLabels").put(CONTROLLER_UID, uid);
    ObjectNode template = spec.get("template") instanceof ObjectNode t ? t : spec.putObject("template");
    ObjectNode meta = template.get("metadata") instanceof ObjectNode m ? m : template.putObject("metadata");
    ObjectNode labels = meta.get("labels") instanceof ObjectNode l ? l : meta.putObject("labels");
    labels.put(CONTROLLER_UID, uid);
    labels.put(JOB_NAME, Meta.name(job));
    labels.put("controller-uid", uid);
    labels.put("job-name", Meta.name(job));
  }

  @Override
  public void applyDefaults(ObjectNode job, WriteContext ctx) {
    if (!(job.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    JobDefaults.apply(spec);
  }

  @Override
  public List<FieldError> validate(JsonNode job, WriteContext ctx) {
    var errors = new ArrayList<FieldError>();
    JsonNode podSpec = job.path("spec").path("template").path("spec");
    PodSpecValidation.validate(podSpec, "spec.template.spec", errors);
    String restart = podSpec.path("restartPolicy").asText("");
    if (!restart.equals("Never") && !restart.equals("OnFailure")) {
      errors.add(FieldError.notSupported("spec.template.spec.restartPolicy", restart, List.of("OnFailure", "Never")));
    }
    return errors;
  }

  /** Defaults shared with CronJob job templates. */
  public static final class JobDefaults {
    private JobDefaults() {}

    public static void apply(ObjectNode spec) {
      if (!spec.has("completions") && !spec.has("parallelism")) {
        spec.put("completions", 1);
      }
      if (!spec.has("parallelism")) {
        spec.put("parallelism", 1);
      }
      if (!spec.has("backoffLimit")) {
        spec.put("backoffLimit", 6);
      }
      if (!spec.hasNonNull("completionMode")) {
        spec.put("completionMode", "NonIndexed");
      }
      if (!spec.has("suspend")) {
        spec.put("suspend", false);
      }
      if (!spec.hasNonNull("podReplacementPolicy")) {
        spec.put("podReplacementPolicy", "TerminatingOrFailed");
      }
      if (!spec.has("manualSelector")) {
        // kube-apiserver leaves manualSelector unset; nothing to do
        spec.remove("manualSelector");
      }
      if (spec.path("template").path("spec") instanceof ObjectNode podSpec) {
        PodSpecDefaults.apply(podSpec);
      }
    }
  }
}
