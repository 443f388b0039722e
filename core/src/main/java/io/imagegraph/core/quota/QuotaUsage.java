package io.imagegraph.core.quota;

import java.util.List;

/**
 * A quota and what counts against it now (or would, after a promotion or push).
 *
 * @param quota        the quota
 * @param bytes        unique layer bytes
 * @param tags         tags
 * @param repositories the repositories counted
 */
public record QuotaUsage(Quota quota, long bytes, int tags, List<String> repositories) {

    public QuotaUsage {
        repositories = List.copyOf(repositories);
    }

    public boolean overBytes() {
        return quota.bytes().isPresent() && bytes > quota.bytes().getAsLong();
    }

    public boolean overTags() {
        return quota.tags().isPresent() && tags > quota.tags().getAsInt();
    }

    public boolean over() {
        return overBytes() || overTags();
    }

    /** {@code 512.0 MiB of 500.0 MiB, 12 tags of 20}: usage against the limits. */
    public String describe() {
        String bytesText = ByteSize.format(bytes) + quota.bytes().stream().mapToObj(l -> " of " + ByteSize.format(l))
                .findFirst().orElse("");
        String tagsText = tags + " tags" + quota.tags().stream().mapToObj(l -> " of " + l).findFirst().orElse("");
        return bytesText + ", " + tagsText;
    }
}
