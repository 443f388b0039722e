package io.imagegraph.core.starlingx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads StarlingX image build files as data — never through a shell. A file is shell assignments
 * ({@code KEY=VALUE}) read as bash sources them ({@link ShellAssignments}: quotes over several
 * lines, {@code $VAR} of an earlier line, {@code $( … )} kept as text). Each value is then what
 * StarlingX's {@code build-stx-images.sh} gets from it: {@code echo ${KEY}}, which joins the words
 * with single spaces, for every directive but {@code POSTBUILD_COMMAND} (read quoted, as it is) and
 * {@code CUSTOMIZATION} (kept as written, its lines and any {@code $( … )} left for the shell that
 * runs it). A key the script does not read, a malformed line, an unclosed quote or a variable the
 * file does not set is a problem with file and line; every problem of a file is reported.
 */
public final class ImageBuildFileReader {

    /** The directives StarlingX's build-stx-images.sh reads, for its three builders and post_build. */
    static final Set<String> KEYS = Set.of(
            "BUILDER", "LABEL",
            // build_image_loci
            "PROJECT", "PROJECT_REPO", "PROJECT_REF", "PROJECT_UID", "PROJECT_GID", "PIP_PACKAGES",
            "UPGRADE_PIP_PACKAGES", "DIST_PACKAGES", "PROFILES", "PYTHON3", "MIRROR_LOCAL", "SPICE_REPO", "SPICE_REF",
            "DIST_REPOS", "NON_UNIQUE_SYSTEM_ACCOUNT", "UPDATE_SYSTEM_ACCOUNT",
            // build_image_docker
            "DOCKER_CONTEXT", "DOCKER_FILE", "DOCKER_REPO", "DOCKER_REF", "DOCKER_PATCHES",
            // build_image_script
            "SOURCE_REPO", "SOURCE_REF", "SOURCE_PATCHES", "COMMAND", "SCRIPT", "ARGS",
            // post_build
            "CUSTOMIZATION", "IMAGE_UPDATE_VER", "POSTBUILD_REMOVE_PYTHON_PACKAGES", "POSTBUILD_REMOVE_OS_PACKAGES",
            "POSTBUILD_COMMAND");

    private ImageBuildFileReader() {
    }

    /**
     * @param problems receives each problem as {@code file line N: what is wrong}
     */
    public static ImageBuildFile read(Path file, List<String> problems) throws IOException {
        List<String> found = new ArrayList<>();
        List<ShellAssignments.Assignment> assignments = ShellAssignments.read(Files.readString(file), KEYS::contains,
                "StarlingX's build-stx-images.sh reads only: " + String.join(", ", new TreeSet<>(KEYS)), found);
        found.forEach(problem -> problems.add(file + " " + problem));
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (ShellAssignments.Assignment assignment : assignments) {
            String key = assignment.key();
            values.put(key, asTheScriptReadsIt(key, assignment.value()));
            lines.put(key, assignment.line());
        }
        return new ImageBuildFile(file, values, lines);
    }

    private static String asTheScriptReadsIt(String key, String value) {
        return switch (key) {
            case "POSTBUILD_COMMAND" -> value;
            case "CUSTOMIZATION" -> value.strip();
            default -> value.strip().replaceAll("\\s+", " ");
        };
    }
}
