package io.imagegraph.core.graph;

import io.imagegraph.core.starlingx.ImageBuildFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The LOCI build args {@code build-stx-images.sh} passes for a {@code BUILDER=loci} file: each of
 * its LOCI directives under the same name when set ({@code PROJECT_UID}/{@code PROJECT_GID} as
 * LOCI's {@code UID}/{@code GID}), {@code SPICE_REPO} with the script's default, and {@code FROM}
 * the base image; {@code WHEELS} comes from the graph file's {@code loci} section. Also which
 * directives a file sets that its builder does not read (a warning each).
 */
final class StarlingxLociArgs {

    /** Directive → LOCI build arg, in the order the script passes them. */
    private static final Map<String, String> ARGS = Map.ofEntries(Map.entry("PROJECT", "PROJECT"),
            Map.entry("PROJECT_REPO", "PROJECT_REPO"), Map.entry("PROJECT_REF", "PROJECT_REF"),
            Map.entry("PROJECT_UID", "UID"), Map.entry("PROJECT_GID", "GID"), Map.entry("PIP_PACKAGES", "PIP_PACKAGES"),
            Map.entry("UPGRADE_PIP_PACKAGES", "UPGRADE_PIP_PACKAGES"), Map.entry("DIST_PACKAGES", "DIST_PACKAGES"),
            Map.entry("PROFILES", "PROFILES"), Map.entry("PYTHON3", "PYTHON3"), Map.entry("SPICE_REPO", "SPICE_REPO"),
            Map.entry("SPICE_REF", "SPICE_REF"), Map.entry("DIST_REPOS", "DIST_REPOS"),
            Map.entry("NON_UNIQUE_SYSTEM_ACCOUNT", "NON_UNIQUE_SYSTEM_ACCOUNT"),
            Map.entry("UPDATE_SYSTEM_ACCOUNT", "UPDATE_SYSTEM_ACCOUNT"));

    /** build-stx-images.sh's DEFAULT_SPICE_REPO, passed when a file sets no SPICE_REPO. */
    static final String DEFAULT_SPICE_REPO = "https://gitlab.freedesktop.org/spice/spice-html5";

    private static final Set<String> LOCI_ONLY = Set.of("PROJECT_REPO", "PROJECT_REF", "PROJECT_UID", "PROJECT_GID",
            "PIP_PACKAGES", "UPGRADE_PIP_PACKAGES", "DIST_PACKAGES", "PROFILES", "MIRROR_LOCAL", "SPICE_REPO",
            "SPICE_REF", "DIST_REPOS", "NON_UNIQUE_SYSTEM_ACCOUNT", "UPDATE_SYSTEM_ACCOUNT");
    private static final Set<String> DOCKER_ONLY = Set.of("DOCKER_CONTEXT", "DOCKER_FILE", "DOCKER_REPO", "DOCKER_REF",
            "DOCKER_PATCHES");
    private static final Set<String> SCRIPT_ONLY = Set.of("SOURCE_REPO", "SOURCE_REF", "SOURCE_PATCHES", "COMMAND",
            "SCRIPT", "ARGS");

    private StarlingxLociArgs() {
    }

    /** The build args, or empty with a problem for what image-graph cannot do as the script does. */
    static Optional<Map<String, String>> of(ImageBuildFile file, String base, List<String> problems) {
        if (file.value("MIRROR_LOCAL").filter("yes"::equals).isPresent()) {
            problems.add(file.at("MIRROR_LOCAL") + ": MIRROR_LOCAL=yes makes build-stx-images.sh serve a bare clone of"
                    + " the local PROJECT_REPO over HTTP for LOCI to clone; image-graph serves none, so give PROJECT_REPO"
                    + " as a URL the build can reach and remove MIRROR_LOCAL");
            return Optional.empty();
        }
        if (file.value("PYTHON3").filter("no"::equals).isPresent()) {
            problems.add(file.at("PYTHON3") + ": PYTHON3=no builds with Python 2 wheels (build-stx-images.sh"
                    + " --wheels-py2), which the loci section does not give; build it as Python 3 or leave it out");
            return Optional.empty();
        }
        Map<String, String> args = new TreeMap<>();
        ARGS.forEach((directive, arg) -> file.value(directive).ifPresent(value -> args.put(arg, value)));
        args.putIfAbsent("SPICE_REPO", DEFAULT_SPICE_REPO);
        if (base != null) {
            args.put("FROM", base);
        }
        return Optional.of(args);
    }

    /** A warning for each directive the file sets that build-stx-images.sh does not read for its builder. */
    static void unused(ImageBuildFile file, String builder, List<String> warnings) {
        for (String key : file.values().keySet()) {
            String readBy = LOCI_ONLY.contains(key) ? "loci" : DOCKER_ONLY.contains(key) ? "docker"
                    : SCRIPT_ONLY.contains(key) ? "script" : builder;
            if (!readBy.equals(builder)) {
                warnings.add(file.at(key) + ": " + key + " is read by build-stx-images.sh for BUILDER=" + readBy
                        + " only, so this " + builder + " image does not use it");
            }
        }
    }
}
