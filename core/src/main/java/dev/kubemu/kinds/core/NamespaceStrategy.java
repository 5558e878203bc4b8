package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.Deletion;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.object.Meta;

/**
 * Namespaces: Active on create with the {@code kubernetes} finalizer and the {@code kubernetes.io/metadata.name}
 * label; a delete marks them Terminating until the namespace controller has emptied them and removed the finalizer.
 */
public final class NamespaceStrategy implements ResourceStrategy {
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  @Override
  public NameRule nameRule() {
    return NameRule.DNS1123_LABEL;
  }

  @Override
  public void prepareForCreate(ObjectNode ns, WriteContext ctx) {
    ns.putObject("status").put("phase", "Active");
    ObjectNode spec = ns.putObject("spec");
    spec.putArray("finalizers").add("kubernetes");
  }

  @Override
  public void prepareForUpdate(ObjectNode ns, JsonNode old, WriteContext ctx) {
    // finalizers change only through /finalize
    ns.set("spec", old.path("spec").deepCopy());
  }

  @Override
  public void applyDefaults(ObjectNode ns, WriteContext ctx) {
    ObjectNode meta = Meta.metaForWrite(ns);
    ObjectNode labels = meta.get("labels") instanceof ObjectNode l ? l : meta.putObject("labels");
    labels.put(NAME_LABEL, Meta.name(ns));
  }

  @Override
  public ObjectNode deferDeletion(ObjectNode ns, DeleteOptions options, WriteContext ctx) {
    JsonNode finalizers = ns.path("spec").path("finalizers");
    boolean hasSpecFinalizers = finalizers.isArray() && !finalizers.isEmpty();
    if (!hasSpecFinalizers) {
      return Deletion.keepForFinalizers(ns, ctx);
    }
    Deletion.markDeleted(ns, ctx, 0);
    (ns.get("status") instanceof ObjectNode s ? s : ns.putObject("status")).put("phase", "Terminating");
    return ns;
  }
}
