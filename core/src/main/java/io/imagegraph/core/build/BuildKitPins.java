package io.imagegraph.core.build;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BuildKit cannot build {@code FROM sha256:<image ID>} (it takes the ID for a repository on Docker
 * Hub), so a parent pinned to an image ID is named by an {@code imagegraph-pin} tag: a name for
 * exactly that image, which a later build of other content can never take over. Digest
 * references ({@code repo@sha256:...}) stay as they are.
 *
 * <p>An image this builder builds gets its pin tag in the same {@code docker build} (one more
 * {@code --tag imagegraph-pin:<run token>-<image>}, no extra docker call), so a child of an image
 * built in the run needs no {@code docker tag}; a parent the run reused is tagged
 * {@code imagegraph-pin:<hex of its ID>} once. When the run has finished, every pin tag made is
 * removed in one {@code docker image rm --no-prune}, which only untags: the images keep their own
 * tags (a parent of the run always has its input-digest tag).
 */
final class BuildKitPins {

    static final String REPOSITORY = "imagegraph-pin";

    private final ProcessRunner runner;
    private final String program;
    private final Map<String, String> environment;
    private final String token = Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
    private final Map<String, String> byId = new HashMap<>();
    private final Set<String> made = new LinkedHashSet<>();

    BuildKitPins(ProcessRunner runner, String program, Map<String, String> environment) {
        this.runner = runner;
        this.program = program;
        this.environment = Map.copyOf(environment);
    }

    /** The pin tag to give the image of this build, in the build itself. */
    synchronized String tagFor(String image) {
        String tag = REPOSITORY + ":" + token + "-" + image;
        made.add(tag);
        return tag;
    }

    /** Records that a build gave the image {@code id} the pin tag {@code tag}. */
    synchronized void built(String id, String tag) {
        byId.put(id, tag);
    }

    /** The parents named for BuildKit: image IDs replaced by their pin tags, made where there is none yet. */
    synchronized Map<String, String> name(Map<String, String> pinned) throws ImageBuildException, InterruptedException {
        Map<String, String> named = new HashMap<>();
        for (Map.Entry<String, String> pin : pinned.entrySet()) {
            String value = pin.getValue();
            if (!value.startsWith("sha256:")) {
                named.put(pin.getKey(), value);
                continue;
            }
            String tag = byId.get(value);
            if (tag == null) {
                tag = REPOSITORY + ":" + value.substring("sha256:".length());
                CapturedRun run = docker("tag", value, tag);
                if (run == null || !run.succeeded()) {
                    String why = run == null ? "it could not be run" : run.stderr().strip();
                    throw new ImageBuildException("cannot name the parent " + pin.getKey() + " (" + value + ") " + tag
                            + " for BuildKit: " + why, run != null && TransientFailures.isTransient(run.stderr()));
                }
                made.add(tag);
                byId.put(value, tag);
            }
            named.put(pin.getKey(), tag);
        }
        return named;
    }

    /** Removes every pin tag made (the run has finished); a tag that is gone already is no error. */
    synchronized void removeAll() throws InterruptedException {
        if (made.isEmpty()) {
            return;
        }
        List<String> argv = new java.util.ArrayList<>(List.of("image", "rm", "--no-prune"));
        argv.addAll(made);
        docker(argv.toArray(String[]::new));
        made.clear();
        byId.clear();
    }

    private CapturedRun docker(String... args) throws InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of(program));
        argv.addAll(List.of(args));
        try {
            return CapturedRun.run(runner, new ProcessSpec(argv, environment, Optional.empty(), Optional.empty()));
        } catch (IOException e) {
            return null;
        }
    }
}
