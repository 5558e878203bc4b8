package dev.kubemu.core.patch;

/** A patch that cannot be applied to the document; the message is shown to the user. */
public final class PatchException extends RuntimeException {
  public PatchException(String message) {
    super(message, null, false, false);
  }
}
