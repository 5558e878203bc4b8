package dev.kubemu.kinds.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.kinds.core.PodSpecDefaults;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Deployments, ReplicaSets, StatefulSets and DaemonSets: spec changes bump the generation, status is reset on
 * create, the pod template is defaulted like a pod's spec, and each kind validates as kube-apiserver's apps
 * validation does ({@link WorkloadValidation}).
 */
public final class WorkloadStrategy implements ResourceStrategy {
  private final Consumer<ObjectNode> specDefaults;
  private final Function<JsonNode, List<FieldError>> validateCreate;
  private final BiFunction<JsonNode, JsonNode, List<FieldError>> validateUpdate;

  /**
   * @param specDefaults   the kind's spec defaults (replicas, strategy, history limits, ...)
   * @param validateCreate validation of a new object
   * @param validateUpdate validation of an update (new, old)
   */
  public WorkloadStrategy(Consumer<ObjectNode> specDefaults, Function<JsonNode, List<FieldError>> validateCreate,
      BiFunction<JsonNode, JsonNode, List<FieldError>> validateUpdate) {
    this.specDefaults = specDefaults;
    this.validateCreate = validateCreate;
    this.validateUpdate = validateUpdate;
  }

  public static WorkloadStrategy deployments() {
    return new WorkloadStrategy(WorkloadDefaults::deployment, WorkloadValidation::deployment,
        WorkloadValidation::deploymentUpdate);
  }

  public static WorkloadStrategy replicaSets() {
    return new WorkloadStrategy(WorkloadDefaults::replicaSet, WorkloadValidation::replicaSet,
        WorkloadValidation::replicaSetUpdate);
  }

  public static WorkloadStrategy daemonSets() {
    return new WorkloadStrategy(WorkloadDefaults::daemonSet, WorkloadValidation::daemonSet,
        WorkloadValidation::daemonSetUpdate);
  }

  public static WorkloadStrategy statefulSets() {
    return new WorkloadStrategy(WorkloadDefaults::statefulSet, WorkloadValidation::statefulSet,
        WorkloadValidation::statefulSetUpdate);
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  public void prepareForCreate(ObjectNode object, WriteContext ctx) {
    object.putObject("status");
  }

  @Override
  public void applyDefaults(ObjectNode object, WriteContext ctx) {
    if (!(object.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    specDefaults.accept(spec);
    if (spec.get("template") instanceof ObjectNode template) {
      PodSpecDefaults.template(template);
    }
  }

  @Override
  public List<FieldError> validate(JsonNode object, WriteContext ctx) {
    return validateCreate.apply(object);
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode object, JsonNode old, WriteContext ctx) {
    return validateUpdate.apply(object, old);
  }
}
