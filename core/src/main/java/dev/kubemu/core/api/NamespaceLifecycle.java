package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.GroupResource;
import dev.kubemu.core.registry.ResourceType;

/**
 * The NamespaceLifecycle admission plugin: namespaced objects can only be created in a namespace that exists and is
 * not terminating.
 */
public final class NamespaceLifecycle implements AdmissionPlugin {
  private static final GroupResource NAMESPACES = new GroupResource("", "namespaces");

  @Override
  public void admitCreate(ResourceType type, ObjectNode object, WriteContext ctx) {
    if (!type.namespaced()) {
      return;
    }
    String ns = Meta.namespace(object);
    var stored = ctx.operations().store().get(NAMESPACES, "", ns);
    if (stored == null) {
      throw ApiErrors.notFound(NAMESPACES, ns);
    }
    if (Meta.deleting(ctx.operations().store().tree(stored))) {
      throw ApiErrors.forbidden(type.groupResource(), Meta.name(object),
          "unable to create new content in namespace " + ns + " because it is being terminated");
    }
  }
}
