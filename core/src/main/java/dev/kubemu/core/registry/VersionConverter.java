package dev.kubemu.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts between one served version of a resource and its storage version (for example autoscaling/v1 and v2
 * HorizontalPodAutoscalers, which are two views of the same stored objects). Both methods get a private copy they may
 * change and return; they must not lose fields the other version cannot express (keep them in annotations, as
 * kube-apiserver does).
 */
public interface VersionConverter {
  ObjectNode toStorage(ObjectNode served);

  ObjectNode fromStorage(ObjectNode stored);

  /** The converter of the storage version itself. */
  VersionConverter IDENTITY = new VersionConverter() {
    @Override
    public ObjectNode toStorage(ObjectNode served) {
      return served;
    }

    @Override
    public ObjectNode fromStorage(ObjectNode stored) {
      return stored;
    }
  };
}
