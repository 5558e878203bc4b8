package dev.kubemu.emulator;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The build's training run for the class-data sharing archive the launcher uses ({@code -XX:SharedArchiveFile}):
 * runs the {@code kubemu} command exactly as a user does until it prints its ready line, then exits, so that the JVM
 * started with {@code -XX:ArchiveClassesAtExit} records every class the start-up path loads. A later launch maps
 * those classes from the archive instead of loading and verifying them from the jar again.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) {
    System.setOut(new PrintStream(new ReadyLineWatcher(), true, StandardCharsets.UTF_8));
    Thread serving = new Thread(() -> System.exit(Main.run(args)), "kubemu-training");
    serving.setDaemon(true);
    serving.start();
    try {
      serving.join(120_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.err.println("kubemu training: no ready line within 2 minutes");
    System.exit(1);
  }

  /**
   * Swallows the command's standard output (the build log needs no ready line; errors still reach standard error)
   * and exits, running the shutdown hooks that stop the emulator, once the ready line has been printed.
   */
  private static final class ReadyLineWatcher extends OutputStream {
    private final StringBuilder line = new StringBuilder();

    @Override
    public void write(int b) {
      if (b != '\n') {
        line.append((char) b);
        return;
      }
      boolean ready = line.toString().startsWith("kubemu ready: ");
      line.setLength(0);
      if (ready) {
        new Thread(() -> System.exit(0), "kubemu-training-exit").start();
      }
    }
  }
}
