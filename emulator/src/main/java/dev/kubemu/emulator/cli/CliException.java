package dev.kubemu.emulator.cli;

/** A bad command line; the message is the one line printed before exiting with code 2. */
public final class CliException extends Exception {
  public CliException(String message) {
    super(message);
  }
}
