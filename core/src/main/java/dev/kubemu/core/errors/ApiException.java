package dev.kubemu.core.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A failure that becomes a Kubernetes {@code Status} response. Thrown anywhere in the write/read pipeline; the
 * apiserver's single failure handler renders it. Build instances with {@link ApiErrors}.
 */
public final class ApiException extends RuntimeException {
  private final int code;
  private final String reason;
  private final StatusDetails details;

  public ApiException(int code, String reason, String message, StatusDetails details) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public StatusDetails details() {
    return details;
  }

  /** The {@code v1 Status} object as kube-apiserver writes it. */
  public ObjectNode toStatus() {
    return Status.failure(code, reason, getMessage(), details);
  }

  /**
   * What a Status {@code details} holds.
   *
   * @param name   object name, may be null
   * @param group  API group, may be null
   * @param kind   plural resource for NotFound/AlreadyExists/Conflict, Kind for Invalid
   * @param causes field causes, may be empty
   * @param retryAfterSeconds 0 when absent
   */
  public record StatusDetails(String name, String group, String kind, List<Cause> causes, int retryAfterSeconds) {
    public StatusDetails {
      causes = causes == null ? List.of() : List.copyOf(causes);
    }

    public static StatusDetails of(String name, String group, String kind) {
      return new StatusDetails(name, group, kind, List.of(), 0);
    }
  }

  /** One entry of {@code details.causes}. */
  public record Cause(String reason, String message, String field) {}
}
