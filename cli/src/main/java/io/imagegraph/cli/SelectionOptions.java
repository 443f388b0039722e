package io.imagegraph.cli;

import io.imagegraph.core.plan.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which images a command is about. */
final class SelectionOptions {

    @Parameters(paramLabel = "IMAGE", arity = "0..*",
            description = "Images to select by name (default: every image).")
    List<String> names = new ArrayList<>();

    @Option(names = {"-m", "--match"}, paramLabel = "REGEX",
            description = "Select images whose name contains a match of REGEX (repeatable; anchor with ^ and $).")
    List<String> patterns = new ArrayList<>();

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE",
            description = "Select the images of a profile from the graph file (repeatable).")
    List<String> profiles = new ArrayList<>();

    @Option(names = {"-x", "--exclude"}, paramLabel = "NAME|REGEX",
            description = "Leave out an image by name, or every image matching REGEX (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--with-parents", description = "Also select every ancestor of a selected image.")
    boolean withParents;

    @Option(names = "--with-children", description = "Also select every descendant of a selected image.")
    boolean withChildren;

    Selection selection(Optional<String> platform) {
        return new Selection(names, patterns, profiles, excludes, withParents, withChildren, platform);
    }
}
