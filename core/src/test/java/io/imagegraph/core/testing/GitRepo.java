package io.imagegraph.core.testing;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.LocalProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real git repository in a test's folder, driven by the git program. */
public final class GitRepo {

    private final Path folder;

    public GitRepo(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Runs git with a test identity; fails the test when git fails. Returns its output, stripped. */
    public String git(String... args) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=test", "-c", "user.email=test@example.com"));
        argv.addAll(List.of(args));
        CapturedRun run = CapturedRun.run(new LocalProcessRunner(), ProcessSpec.of(folder, argv.toArray(String[]::new)));
        if (!run.succeeded()) {
            throw new AssertionError("git " + String.join(" ", args) + " failed in " + folder + ": " + run.stderr());
        }
        return run.stdout().strip();
    }

    /** Writes a file (making its folders), relative to the repository. */
    public GitRepo write(String path, String content) throws IOException {
        Path file = folder.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    /** Adds everything and commits it. */
    public void commitAll(String message) throws IOException, InterruptedException {
        git("add", "-A");
        git("commit", "-qm", message);
    }
}
