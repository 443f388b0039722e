package io.imagegraph.core.plan;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files a branch changed since it left a revision: {@code git diff --name-only REV...HEAD}
 * (three dots: against the merge base, as a pull request's diff), with {@code --relative} so that
 * the paths are relative to the graph root and changes outside it are left out.
 */
public final class GitChanges {

    private final ProcessRunner runner;

    public GitChanges(ProcessRunner runner) {
        this.runner = runner;
    }

    public ChangeSet since(Path root, String revision) throws ChangeDetectionException, InterruptedException {
        if (revision.isBlank() || revision.startsWith("-")) {
            throw new ChangeDetectionException("'" + revision + "' is not a git revision");
        }
        List<String> argv = List.of("git", "-c", "core.quotePath=false", "diff", "--name-only", "--relative",
                "--no-renames", revision + "...HEAD", "--");
        CapturedRun run;
        try {
            run = CapturedRun.run(runner, new ProcessSpec(argv, Map.of(), Optional.of(root), Optional.empty()));
        } catch (IOException e) {
            throw new ChangeDetectionException("cannot run git to find the changes since " + revision + ": "
                    + e.getMessage(), e);
        }
        if (!run.succeeded()) {
            throw new ChangeDetectionException("git could not list the changes since '" + revision + "' in " + root
                    + ": " + run.stderr().strip() + " (is it a git checkout, and has '" + revision
                    + "' been fetched? In a shallow CI clone, fetch the target branch first)");
        }
        List<String> paths = Arrays.stream(run.stdout().split("\n")).filter(line -> !line.isBlank()).toList();
        return new ChangeSet("git diff --name-only " + revision + "...HEAD", paths);
    }
}
