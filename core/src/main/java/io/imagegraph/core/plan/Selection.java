package io.imagegraph.core.plan;

import java.util.List;
import java.util.Optional;

/**
 * Which images a run is about. With no names, patterns or profiles, every image is selected.
 *
 * @param names        image names, exactly
 * @param patterns     regular expressions, found anywhere in a name (anchor with ^ and $ for a whole name)
 * @param profiles     profile names from the graph file
 * @param excludes     names, or regular expressions, of images to leave out even if otherwise selected
 * @param withParents  also select every ancestor of a selected image
 * @param withChildren also select every descendant of a selected image
 * @param platform     leave out images the graph marks unbuildable on this platform, and their descendants
 */
public record Selection(List<String> names, List<String> patterns, List<String> profiles, List<String> excludes,
                        boolean withParents, boolean withChildren, Optional<String> platform) {

    public Selection {
        names = List.copyOf(names);
        patterns = List.copyOf(patterns);
        profiles = List.copyOf(profiles);
        excludes = List.copyOf(excludes);
    }

    public static Selection all() {
        return new Selection(List.of(), List.of(), List.of(), List.of(), false, false, Optional.empty());
    }

    public boolean selectsEverything() {
        return names.isEmpty() && patterns.isEmpty() && profiles.isEmpty();
    }
}
