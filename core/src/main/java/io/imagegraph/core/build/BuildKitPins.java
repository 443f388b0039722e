package io.imagegraph.core.build;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BuildKit cannot build {@code FROM sha256:<image ID>} (it takes the ID for a repository on Docker
 * Hub), so a parent pinned to an image ID is tagged {@code imagegraph-pin:<hex of the ID>} and
 * named by that tag: a name for exactly that image, which a later build of other content can
 * never take over. Digest references ({@code repo@sha256:...}) stay as they are.
 */
final class BuildKitPins {

    static final String REPOSITORY = "imagegraph-pin";

    private BuildKitPins() {
    }

    static Map<String, String> tag(ProcessRunner runner, String program, Map<String, String> environment,
                                   Map<String, String> pinned) throws ImageBuildException, InterruptedException {
        Map<String, String> named = new HashMap<>();
        for (Map.Entry<String, String> pin : pinned.entrySet()) {
            String value = pin.getValue();
            if (!value.startsWith("sha256:")) {
                named.put(pin.getKey(), value);
                continue;
            }
            String tag = REPOSITORY + ":" + value.substring("sha256:".length());
            CapturedRun run;
            try {
                run = CapturedRun.run(runner, new ProcessSpec(List.of(program, "tag", value, tag), environment,
                        Optional.empty(), Optional.empty()));
            } catch (IOException e) {
                throw new ImageBuildException("cannot run " + program + " tag: " + e.getMessage(), false);
            }
            if (!run.succeeded()) {
                throw new ImageBuildException("cannot name the parent " + pin.getKey() + " (" + value + ") " + tag
                        + " for BuildKit: " + run.stderr().strip(), TransientFailures.isTransient(run.stderr()));
            }
            named.put(pin.getKey(), tag);
        }
        return named;
    }
}
