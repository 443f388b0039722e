package io.imagegraph.core.graph;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * LOCI from its git URL at the pinned commit, exported once into
 * {@code <root>/.imagegraph/loci/<commit>} and reused from then on (so plans after the first need
 * no network). The folder holds the commit's files without {@code .git}, so the build context,
 * and with it every LOCI image's input digest, is the same on every machine. The clone is made
 * beside the final folder and moved into place when it is complete, so an interrupted clone is
 * never taken for a checkout.
 */
final class LociCheckout {

    private LociCheckout() {
    }

    /** The checkout's folder relative to the root, or empty with a problem saying why not. */
    static Optional<String> ensure(Path root, LociSection loci, ProcessRunner runner, String where,
                                   List<GraphProblem> problems) throws InterruptedException {
        String relative = ".imagegraph/loci/" + loci.ref();
        Path target = root.resolve(relative);
        try {
            if (Files.isDirectory(target)) {
                return Optional.of(relative);
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempDirectory(target.getParent(), ".clone-");
            try {
                git(runner, target.getParent(), "clone", "--quiet", "--no-checkout", loci.context(), partial.toString());
                git(runner, partial, "checkout", "--quiet", "--detach", loci.ref());
                deleteTree(partial.resolve(".git"));
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(partial);
            }
            return Optional.of(relative);
        } catch (IOException e) {
            problems.add(GraphProblem.error(GraphProblem.Kind.GRAPH_FILE, null, where, "cannot check out LOCI from "
                    + loci.context() + " at " + loci.ref() + ": " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static String git(ProcessRunner runner, Path directory, String... arguments)
            throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of("git"));
        argv.addAll(List.of(arguments));
        CapturedRun run = CapturedRun.run(runner, new ProcessSpec(argv, Map.of("GIT_TERMINAL_PROMPT", "0"),
                Optional.of(directory), Optional.empty()));
        if (run.exitCode() != 0) {
            throw new IOException("git " + String.join(" ", arguments) + " failed: "
                    + run.stderr().strip().lines().reduce((a, b) -> b).orElse("exit code " + run.exitCode()));
        }
        return run.stdout();
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }
}
