package io.imagegraph.core.build;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker Engines that have built through BuildKit, remembered in {@code buildkit-engines.txt} in
 * the state folder, one line an Engine: its daemon ID and version ({@code docker info}) and the
 * docker client binary that asked (its real path, size and modification time). An Engine named
 * there needs one {@code docker info} instead of {@link BuildKitSupport}'s probe build (a build and an
 * {@code image rm}, about 1.5 s). Only successes are kept: an Engine or client that changed is
 * another line, and one that could not build through BuildKit is probed again on every run.
 */
final class BuildKitProbeCache {

    static final String FILE = "buildkit-engines.txt";
    private static final int KEEP = 64;

    private final Path file;

    BuildKitProbeCache(Path stateFolder) {
        this.file = stateFolder.resolve(FILE);
    }

    /** The Engine and client this environment reaches, as a line of the file; empty when either cannot be told. */
    Optional<String> engine(ProcessRunner runner, String program, Map<String, String> environment)
            throws InterruptedException {
        Optional<String> client = client(program, environment);
        if (client.isEmpty()) {
            return Optional.empty();
        }
        CapturedRun info;
        try {
            info = CapturedRun.run(runner, new ProcessSpec(List.of(program, "info", "--format", "{{.ID}} {{.ServerVersion}}"),
                    environment, Optional.empty(), Optional.empty()));
        } catch (IOException e) {
            return Optional.empty();
        }
        String daemon = info.stdout().strip();
        if (!info.succeeded() || daemon.isEmpty() || daemon.contains("\n") || daemon.startsWith(" ")) {
            return Optional.empty();
        }
        return Optional.of(daemon + " " + client.get());
    }

    boolean builtThroughBuildKit(String engine) {
        try {
            return Files.exists(file) && Files.readAllLines(file, StandardCharsets.UTF_8).contains(engine);
        } catch (IOException e) {
            return false;
        }
    }

    /** Adds the Engine, keeping the newest {@value #KEEP} lines; a state folder that cannot be written is left alone. */
    void remember(String engine) {
        try {
            Files.createDirectories(file.getParent());
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            if (lines.contains(engine)) {
                return;
            }
            if (lines.size() >= KEEP) {
                Path next = file.resolveSibling(FILE + ".new");
                Files.write(next, lines.subList(lines.size() - KEEP / 2, lines.size()), StandardCharsets.UTF_8);
                Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Files.writeString(file, engine + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the next run probes again
        }
    }

    private static Optional<String> client(String program, Map<String, String> environment) {
        Optional<Path> found = Optional.empty();
        if (program.contains("/")) {
            found = Optional.of(Path.of(program));
        } else {
            String path = environment.getOrDefault("PATH", System.getenv("PATH"));
            for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isExecutable(candidate)) {
                    found = Optional.of(candidate);
                    break;
                }
            }
        }
        try {
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Path real = found.get().toRealPath();
            return Optional.of(real + ":" + Files.size(real) + ":" + Files.getLastModifiedTime(real).toMillis());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
