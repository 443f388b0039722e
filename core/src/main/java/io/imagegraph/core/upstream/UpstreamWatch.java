package io.imagegraph.core.upstream;

import io.imagegraph.core.ref.ImageRef;
import io.imagegraph.core.ref.InvalidReferenceException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * One upstream repository to watch: either a fixed tag whose digest is followed
 * ({@code docker.io/library/debian:bookworm}), or a tag policy over the repository's tags — a
 * regular expression, a semantic version range ({@code >=3.20.0 <3.21.0}, npm's syntax), or both
 * — of which the highest matching tag is followed.
 *
 * @param repository the repository, canonical
 * @param tag        the fixed tag, for a watch without a policy
 * @param tagPattern the tags a policy considers (whole-tag match)
 * @param semver     the version range a policy takes tags from, as written
 */
public record UpstreamWatch(UpstreamRef repository, Optional<String> tag, Optional<Pattern> tagPattern,
                            Optional<String> semver) {

    private static final Pattern VERSION_LIKE = Pattern.compile("v?\\d+(\\.\\d+){0,2}([-+][0-9A-Za-z.-]+)?");

    /**
     * @param image a repository, with a tag for a fixed-tag watch
     * @param tags  a regular expression the followed tags match, or null
     * @param range a semantic version range the followed tags satisfy, or null
     * @throws IllegalArgumentException saying what is wrong with which value
     */
    public static UpstreamWatch of(String image, String tags, String range) {
        ImageRef ref;
        try {
            ref = ImageRef.parse(image);
        } catch (InvalidReferenceException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (ref.digest().isPresent()) {
            throw new IllegalArgumentException("'" + image + "' is pinned by digest, so it cannot move; watch its tag");
        }
        boolean policy = tags != null || range != null;
        if (policy && ref.tag().isPresent()) {
            throw new IllegalArgumentException("'" + image + "' names a tag and a tag policy; name the repository alone"
                    + " with 'tags' or 'semver', or the tag alone");
        }
        Optional<Pattern> pattern = Optional.empty();
        if (tags != null) {
            try {
                pattern = Optional.of(Pattern.compile(tags));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + tags + "' is not a regular expression: " + e.getDescription());
            }
        }
        if (range != null && RangesListFactory.create(range).get().isEmpty()) {
            throw new IllegalArgumentException("'" + range + "' is not a semantic version range (such as"
                    + " '>=3.20.0 <3.21.0', '~3.20' or '^1.2')");
        }
        return new UpstreamWatch(UpstreamRef.of(ref), policy ? Optional.empty() : Optional.of(ref.tag().orElse("latest")),
                pattern, Optional.ofNullable(range));
    }

    /**
     * The watch a {@link #key()} names: {@code repo:tag}, or the repository followed by
     * {@code " tags=REGEX"} and/or {@code " semver=RANGE"}. The plugin keeps a job's watches this way.
     *
     * @throws IllegalArgumentException when the text is not a watch
     */
    public static UpstreamWatch ofKey(String key) {
        String rest = key.strip();
        String range = null;
        int semverAt = rest.indexOf(" semver=");
        if (semverAt >= 0) {
            range = rest.substring(semverAt + " semver=".length());
            rest = rest.substring(0, semverAt);
        }
        String tags = null;
        int tagsAt = rest.indexOf(" tags=");
        if (tagsAt >= 0) {
            tags = rest.substring(tagsAt + " tags=".length());
            rest = rest.substring(0, tagsAt);
        }
        return of(rest, tags, range);
    }

    /** A fixed-tag watch of an external base as a Dockerfile names it. */
    public static UpstreamWatch ofBase(ImageRef base) {
        return new UpstreamWatch(UpstreamRef.of(base), Optional.of(base.tag().orElse("latest")), Optional.empty(),
                Optional.empty());
    }

    public boolean isPolicy() {
        return tag.isEmpty();
    }

    /** What the watch is known by in the upstream state: {@code repo:tag}, or the repository with its policy. */
    public String key() {
        if (tag.isPresent()) {
            return repository + ":" + tag.get();
        }
        return repository + tagPattern.map(p -> " tags=" + p.pattern()).orElse("")
                + semver.map(r -> " semver=" + r).orElse("");
    }

    /**
     * The tag the policy follows among these: the highest version in the range (or of the tags
     * that look like versions, when only a pattern is given and they all do), else the last in
     * plain order.
     */
    public Optional<String> choose(List<String> tags) {
        List<String> matching = tags.stream().filter(t -> tagPattern.map(p -> p.matcher(t).matches()).orElse(true))
                .toList();
        if (semver.isPresent()) {
            RangesList range = RangesListFactory.create(semver.get());
            return matching.stream().filter(t -> version(t).map(range::isSatisfiedBy).orElse(false))
                    .max(Comparator.comparing(t -> version(t).orElseThrow()));
        }
        if (!matching.isEmpty() && matching.stream().allMatch(t -> version(t).isPresent())) {
            return matching.stream().max(Comparator.comparing(t -> version(t).orElseThrow()));
        }
        return matching.stream().max(Comparator.naturalOrder());
    }

    private static Optional<Semver> version(String tag) {
        return VERSION_LIKE.matcher(tag).matches() ? Optional.ofNullable(Semver.coerce(tag)) : Optional.empty();
    }
}
