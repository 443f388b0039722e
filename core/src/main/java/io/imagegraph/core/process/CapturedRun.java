package io.imagegraph.core.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A finished process with its whole output kept, for short commands such as {@code git diff}.
 *
 * @param exitCode its exit code
 * @param stdout   standard output as UTF-8 text
 * @param stderr   standard error as UTF-8 text
 */
public record CapturedRun(int exitCode, String stdout, String stderr) {

    public static CapturedRun run(ProcessRunner runner, ProcessSpec spec) throws IOException, InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = runner.run(spec, out, err);
        return new CapturedRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
