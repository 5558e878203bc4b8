package dev.kubemu.core.errors;

import dev.kubemu.core.errors.ApiException.Cause;
import dev.kubemu.core.errors.ApiException.StatusDetails;
import dev.kubemu.core.registry.GroupResource;
import java.util.List;

/** Factories for the errors kube-apiserver returns, with its exact message formats. */
public final class ApiErrors {
  private ApiErrors() {}

  public static ApiException notFound(GroupResource resource, String name) {
    return new ApiException(404, "NotFound", resource + " \"" + name + "\" not found",
        StatusDetails.of(name, resource.group(), resource.resource()));
  }

  public static ApiException alreadyExists(GroupResource resource, String name) {
    return new ApiException(409, "AlreadyExists", resource + " \"" + name + "\" already exists",
        StatusDetails.of(name, resource.group(), resource.resource()));
  }

  /** The optimistic-lock conflict: a stale resourceVersion or a failed precondition. */
  public static ApiException conflict(GroupResource resource, String name, String why) {
    return new ApiException(409, "Conflict",
        "Operation cannot be fulfilled on " + resource + " \"" + name + "\": " + why,
        StatusDetails.of(name, resource.group(), resource.resource()));
  }

  public static ApiException staleResourceVersion(GroupResource resource, String name) {
    return conflict(resource, name,
        "the object has been modified; please apply your changes to the latest version and try again");
  }

  /** 422 Invalid with one cause per field error; {@code kind} is the Kind, e.g. {@code Deployment}. */
  public static ApiException invalid(String group, String kind, String name, List<FieldError> errors) {
    String qualified = group == null || group.isEmpty() ? kind : kind + "." + group;
    // the message lists each distinct error once (field.ErrorList.ToAggregate); the causes keep them all
    List<String> distinct = errors.stream().map(FieldError::message).distinct().toList();
    String joined = distinct.size() == 1 ? distinct.get(0) : "[" + String.join(", ", distinct) + "]";
    var causes = errors.stream().map(e -> new Cause(e.type().reason(), e.body(), e.field())).toList();
    String message = qualified + " \"" + name + "\" is invalid" + (distinct.isEmpty() ? "" : ": " + joined);
    return new ApiException(422, "Invalid", message,
        new StatusDetails(name, group, kind, causes, 0));
  }

  /** 422 Invalid without field details ({@code The request is invalid: ...} in kubectl). */
  public static ApiException invalidRequest(String message) {
    return new ApiException(422, "Invalid", message, null);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null);
  }

  public static ApiException forbidden(GroupResource resource, String name, String why) {
    String target = name == null || name.isEmpty() ? resource.toString() : resource + " \"" + name + "\"";
    return new ApiException(403, "Forbidden", target + " is forbidden: " + why,
        StatusDetails.of(name, resource.group(), resource.resource()));
  }

  public static ApiException gone(String message) {
    return new ApiException(410, "Expired", message, null);
  }

  public static ApiException methodNotSupported(GroupResource resource, String verb) {
    return new ApiException(405, "MethodNotAllowed",
        verb + " is not supported on resources of kind \"" + resource + "\"",
        StatusDetails.of(null, resource.group(), resource.resource()));
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + "application/json, application/yaml, application/vnd.kubernetes.protobuf"
            + (contentType == null ? "" : " (got " + contentType + ")"), null);
  }

  public static ApiException notAcceptable(String message) {
    return new ApiException(406, "NotAcceptable", message, null);
  }

  public static ApiException requestEntityTooLarge(String message) {
    return new ApiException(413, "RequestEntityTooLarge", message, null);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "Unauthorized", "Unauthorized", null);
  }

  public static ApiException notFoundPath() {
    return new ApiException(404, "NotFound", "the server could not find the requested resource", null);
  }

  public static ApiException internal(String message) {
    return new ApiException(500, "InternalError", "Internal error occurred: " + message, null);
  }

  /**
   * What kube-apiserver answers when its code fails with a plain Go error rather than a Status (responsewriters'
   * ErrorToAPIStatus): 500 with no reason, the error's text as the message. kubectl prints it as
   * {@code Error from server: <message>}. Server-side apply's typed conversion of a configuration fails this way.
   */
  public static ApiException notAStatus(String message) {
    return new ApiException(500, "", message, null);
  }

  public static ApiException tooManyRequests(String message) {
    return new ApiException(429, "TooManyRequests", message, null);
  }
}
