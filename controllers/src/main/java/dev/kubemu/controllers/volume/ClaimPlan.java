package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one sync of a claim should do, as the PV controller's {@code syncClaim} decides it.
 *
 * @param action what to write
 * @param volume the volume to bind, for {@link Action#BIND}
 * @param value  the class to assign ({@link Action#ASSIGN_CLASS}), the provisioner to ask
 *               ({@link Action#PROVISION}) or the error ({@link Action#FAIL})
 * @param event  the event to record, or null
 */
record ClaimPlan(Action action, JsonNode volume, String value, Event event) {
  enum Action {
    /** Give a claim without a class the default one (retroactive default class, GA in 1.28). */
    ASSIGN_CLASS,
    /** Bind claim and volume to each other (or finish a half-done binding). */
    BIND,
    /** Annotate the claim for its class's external provisioner and report that it waits for it. */
    PROVISION,
    /** Keep (or put) the claim in phase Pending, with no volume facts in its status. */
    PENDING,
    /** Move the claim to phase Lost (the event is recorded only on that change). */
    LOST,
    /** Only record the event (upstream returns without touching the claim's status). */
    EVENT_ONLY,
    /** A broken binding the controller must not paper over: fail the sync (logged and retried). */
    FAIL
  }

  /** An event about the claim. */
  record Event(String type, String reason, String message) {
    static Event normal(String reason, String message) {
      return new Event("Normal", reason, message);
    }

    static Event warning(String reason, String message) {
      return new Event("Warning", reason, message);
    }
  }

  static ClaimPlan bind(JsonNode volume) {
    return new ClaimPlan(Action.BIND, volume, null, null);
  }

  static ClaimPlan pending(Event event) {
    return new ClaimPlan(Action.PENDING, null, null, event);
  }

  static ClaimPlan lost(Event event) {
    return new ClaimPlan(Action.LOST, null, null, event);
  }

  static ClaimPlan of(Action action, String value, Event event) {
    return new ClaimPlan(action, null, value, event);
  }
}
