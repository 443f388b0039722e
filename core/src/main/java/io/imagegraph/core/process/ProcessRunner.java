package io.imagegraph.core.process;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Runs a process to completion. The CLI runs it locally ({@link LocalProcessRunner}); the Jenkins
 * plugin runs it on the agent through its Launcher.
 *
 * <p>Cancellation is by interrupting the calling thread: the runner then stops the process (and
 * its children), waits for it to end, and throws {@link InterruptedException}.
 */
public interface ProcessRunner {

    /**
     * Runs the process, copying its output to the given streams as it comes.
     *
     * @return the exit code
     * @throws IOException when the program cannot be started (not installed, not executable)
     */
    int run(ProcessSpec spec, OutputStream stdout, OutputStream stderr) throws IOException, InterruptedException;
}
