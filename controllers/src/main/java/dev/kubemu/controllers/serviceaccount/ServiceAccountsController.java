package dev.kubemu.controllers.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import java.util.List;

/**
 * kube-controller-manager's serviceaccount controller: every active namespace has a {@code default} ServiceAccount,
 * created with the namespace and recreated when someone deletes it.
 */
public final class ServiceAccountsController {
  static final String NAME = "serviceaccount-controller";
  static final String DEFAULT = "default";

  private final ResourceOperations operations;
  private final ResourceType namespaces;
  private final ResourceType serviceAccounts;
  private final RequestContext request = RequestContext.internal(NAME);

  public ServiceAccountsController(ResourceOperations operations) {
    this.operations = operations;
    this.namespaces = operations.registry().find("", "v1", "namespaces").orElseThrow();
    this.serviceAccounts = operations.registry().find("", "v1", "serviceaccounts").orElseThrow();
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder(NAME, namespaces)
        .watches(serviceAccounts, sa -> DEFAULT.equals(Meta.name(sa))
            ? List.of(new ObjectKey("", Meta.namespace(sa))) : List.of())
        .reconciler(this::reconcile).build();
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(namespaces.storageResource(), "", key.name());
    if (stored == null || !active(operations.storageTree(stored))) {
      return Result.done();
    }
    if (operations.store().get(serviceAccounts.storageResource(), key.name(), DEFAULT) != null) {
      return Result.done();
    }
    ObjectNode sa = Json.object();
    sa.put("apiVersion", "v1");
    sa.put("kind", "ServiceAccount");
    sa.putObject("metadata").put("name", DEFAULT).put("namespace", key.name());
    try {
      operations.create(serviceAccounts, "v1", key.name(), sa, request);
    } catch (ApiException e) {
      // created meanwhile (409), or the namespace started terminating (403): nothing to do
      if (e.code() != 409 && e.code() != 403 && e.code() != 404) {
        throw e;
      }
    }
    return Result.done();
  }

  /** Whether a namespace takes new content: it is not being deleted. */
  private static boolean active(JsonNode ns) {
    return !Meta.deleting(ns) && !"Terminating".equals(ns.path("status").path("phase").asText());
  }
}
