package dev.kubemu.kinds.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.kinds.core.PodSpecDefaults;
import java.util.List;

/**
 * CronJobs: SetDefaults_CronJob (Allow, not suspended, 3 successful and 1 failed job kept); the job template's pod
 * template is defaulted like any pod template (the Job-only defaults are not applied to it, as in kube-apiserver);
 * {@link JobValidation}.
 */
public final class CronJobStrategy implements ResourceStrategy {
  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  public void prepareForCreate(ObjectNode cronJob, WriteContext ctx) {
    cronJob.putObject("status");
  }

  @Override
  public void applyDefaults(ObjectNode cronJob, WriteContext ctx) {
    if (!(cronJob.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    if (spec.path("concurrencyPolicy").asText("").isEmpty()) {
      spec.put("concurrencyPolicy", "Allow");
    }
    if (!spec.hasNonNull("suspend")) {
      spec.put("suspend", false);
    }
    if (!spec.hasNonNull("successfulJobsHistoryLimit")) {
      spec.put("successfulJobsHistoryLimit", 3);
    }
    if (!spec.hasNonNull("failedJobsHistoryLimit")) {
      spec.put("failedJobsHistoryLimit", 1);
    }
    ObjectNode jobTemplate = spec.get("jobTemplate") instanceof ObjectNode t ? t : spec.putObject("jobTemplate");
    ObjectNode meta = jobTemplate.get("metadata") instanceof ObjectNode m ? m : jobTemplate.putObject("metadata");
    if (!meta.has("creationTimestamp")) {
      meta.putNull("creationTimestamp");
    }
    if (jobTemplate.path("spec").get("template") instanceof ObjectNode template) {
      PodSpecDefaults.template(template);
    }
  }

  @Override
  public List<FieldError> validate(JsonNode cronJob, WriteContext ctx) {
    return JobValidation.cronJob(cronJob);
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode cronJob, JsonNode old, WriteContext ctx) {
    return JobValidation.cronJobUpdate(cronJob, old);
  }
}
