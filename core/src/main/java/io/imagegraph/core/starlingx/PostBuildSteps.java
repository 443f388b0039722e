package io.imagegraph.core.starlingx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code build-stx-images.sh}'s {@code post_build} does to every image it built, as
 * Dockerfile instructions (run as root, the image's USER restored after): {@code CUSTOMIZATION} in
 * bash, with {@code CMD ["bash"]} as its {@code docker commit --change} sets; then, as its
 * {@code docker-image-postbuild.sh}, the {@code POSTBUILD_REMOVE_PYTHON_PACKAGES} (default
 * {@code pip}) uninstalled with pip3 where pip3 has them, the {@code POSTBUILD_REMOVE_OS_PACKAGES}
 * (default {@code python3-pip python-pip-whl}) removed with dpkg where installed, and
 * {@code POSTBUILD_COMMAND} run by the shell. A directive set to the empty string turns its step off.
 */
public final class PostBuildSteps {

    /** The script's defaults, for a file that does not set the directive. */
    static final String DEFAULT_PYTHON_PACKAGES = "pip";
    static final String DEFAULT_OS_PACKAGES = "python3-pip python-pip-whl";

    /** The package names docker-image-postbuild.sh accepts. */
    private static final Pattern PACKAGE = Pattern.compile("[a-zA-Z0-9_:.-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PostBuildSteps() {
    }

    /** The instructions for this file, in the script's order; bad package names are problems. */
    public static List<String> of(ImageBuildFile file, List<String> problems) {
        List<String> steps = new ArrayList<>();
        file.value("CUSTOMIZATION").ifPresent(customization -> {
            steps.add(run("/bin/bash", customization));
            steps.add("CMD [\"bash\"]");
        });
        String python = file.assigned("POSTBUILD_REMOVE_PYTHON_PACKAGES").orElse(DEFAULT_PYTHON_PACKAGES).strip();
        if (!python.isEmpty() && packages(file, "POSTBUILD_REMOVE_PYTHON_PACKAGES", python, problems)) {
            steps.add(run("/bin/sh", "if command -v pip3 >/dev/null 2>&1; then rm=; for p in " + python
                    + "; do if pip3 show \"$p\" >/dev/null 2>&1; then rm=\"$rm $p\"; fi; done;"
                    + " if [ -n \"$rm\" ]; then pip3 uninstall --yes $rm; fi; fi"));
        }
        String os = file.assigned("POSTBUILD_REMOVE_OS_PACKAGES").orElse(DEFAULT_OS_PACKAGES).strip();
        if (!os.isEmpty() && packages(file, "POSTBUILD_REMOVE_OS_PACKAGES", os, problems)) {
            steps.add(run("/bin/sh", "if command -v dpkg >/dev/null 2>&1; then rm=; for p in " + os
                    + "; do if dpkg -s \"$p\" >/dev/null 2>&1; then rm=\"$rm $p\"; fi; done;"
                    + " if [ -n \"$rm\" ]; then dpkg -r $rm; fi; fi"));
        }
        file.value("POSTBUILD_COMMAND").ifPresent(command -> steps.add(run("/bin/sh", command)));
        return steps;
    }

    private static boolean packages(ImageBuildFile file, String key, String names, List<String> problems) {
        for (String name : names.split(" ")) {
            if (!PACKAGE.matcher(name).matches()) {
                problems.add(file.at(key) + ": " + key + " names \"" + name + "\", which is not a package name"
                        + " (letters, digits and _ : . -)");
                return false;
            }
        }
        return true;
    }

    private static String run(String shell, String script) {
        try {
            return "RUN " + JSON.writeValueAsString(List.of(shell, "-c", script));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }
}
