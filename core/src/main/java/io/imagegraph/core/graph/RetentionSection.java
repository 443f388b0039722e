package io.imagegraph.core.graph;

import io.imagegraph.core.retention.RetentionPolicy;
import io.imagegraph.core.upstream.UpstreamSettings;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code retention} section of the graph file, as written.
 *
 * @param keep    how many of the newest digests of each repository to keep (default 10)
 * @param minAge  digests younger than this are kept ({@code 7d}, the default; {@code 36h})
 * @param protect regular expressions of tags whose digests are always kept
 *                (default {@code latest}, {@code stable} and version-like tags)
 */
public record RetentionSection(Integer keep, String minAge, List<String> protect) {

    public RetentionSection {
        protect = protect == null ? null : YamlValues.list(protect, "retention.protect");
        policy(keep, minAge, protect);
    }

    public RetentionPolicy policy() {
        return policy(keep, minAge, protect);
    }

    private static RetentionPolicy policy(Integer keep, String minAge, List<String> protect) {
        RetentionPolicy defaults = RetentionPolicy.defaults();
        List<Pattern> patterns = defaults.protectedTags();
        if (protect != null) {
            patterns = protect.stream().map(RetentionSection::pattern).toList();
        }
        return new RetentionPolicy(keep == null ? defaults.keep() : keep,
                minAge == null ? defaults.minAge() : UpstreamSettings.parseInterval(minAge), patterns);
    }

    private static Pattern pattern(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a regular expression: " + e.getDescription());
        }
    }
}
