package io.imagegraph.core.build;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The source revision and repository of a checkout, for the image labels; empty outside git. */
public final class GitSource {

    private final ProcessRunner runner;

    public GitSource(ProcessRunner runner) {
        this.runner = runner;
    }

    public Optional<String> revision(Path root) throws InterruptedException {
        return git(root, "rev-parse", "HEAD");
    }

    public Optional<String> url(Path root) throws InterruptedException {
        return git(root, "config", "--get", "remote.origin.url");
    }

    private Optional<String> git(Path root, String... args) throws InterruptedException {
        String[] argv = new String[args.length + 1];
        argv[0] = "git";
        System.arraycopy(args, 0, argv, 1, args.length);
        try {
            CapturedRun run = CapturedRun.run(runner, ProcessSpec.of(root, argv));
            String out = run.stdout().strip();
            return run.succeeded() && !out.isEmpty() ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
