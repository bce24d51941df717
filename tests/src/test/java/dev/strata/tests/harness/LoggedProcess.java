package dev.strata.tests.harness;

/** A child process whose captured output a failing test prints. */
public interface LoggedProcess {
    String name();

    /** The last {@code lines} lines of the process's output (every generation, if restarted). */
    String logTail(int lines);
}
