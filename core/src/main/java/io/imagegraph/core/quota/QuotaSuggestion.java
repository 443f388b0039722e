package io.imagegraph.core.quota;

import io.imagegraph.core.track.Retention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What to delete to get a quota back under its limit: after what the retention policy deletes
 * anyway, the oldest versions kept only for being among the newest or young enough (never one
 * deployed or carrying a protected tag), until the bytes and tags they free bring it under. Bytes
 * are counted per version, so shared blobs make it an upper bound of what is freed.
 *
 * @param usage    the quota and its usage now
 * @param planned  bytes and tags the policy's own deletions free
 * @param delete   {@code registry/repository@digest} of each version to delete besides, oldest first
 * @param enough   whether deleting them gets it under the limit (false: what is required alone is over)
 */
public record QuotaSuggestion(QuotaUsage usage, Freed planned, List<String> delete, boolean enough) {

    /** Bytes and tags freed. */
    public record Freed(long bytes, int tags) {
    }

    public QuotaSuggestion {
        delete = List.copyOf(delete);
    }

    /** A suggestion for each quota that is over, from the retention plans of its repositories. */
    public static List<QuotaSuggestion> of(List<QuotaUsage> usage, List<Retention.RepositoryPlan> plans) {
        List<QuotaSuggestion> suggestions = new ArrayList<>();
        for (QuotaUsage quota : usage) {
            if (!quota.over()) {
                continue;
            }
            long bytes = quota.bytes();
            int tags = quota.tags();
            long plannedBytes = 0;
            int plannedTags = 0;
            List<Candidate> candidates = new ArrayList<>();
            for (Retention.RepositoryPlan plan : plans) {
                if (!quota.quota().covers(plan.repository().toString())) {
                    continue;
                }
                plannedBytes += plan.freedBytes();
                for (Retention.Version version : plan.versions()) {
                    if (version.decision() == Retention.Decision.DELETE) {
                        plannedTags += version.tags().size();
                    } else if (!version.required()) {
                        candidates.add(new Candidate(plan.repository() + "@" + version.digest(), version));
                    }
                }
            }
            bytes -= plannedBytes;
            tags -= plannedTags;
            candidates.sort(Comparator.comparing((Candidate c) -> c.version().created().orElse(Instant.MAX)));
            List<String> delete = new ArrayList<>();
            for (Candidate candidate : candidates) {
                if (under(quota.quota(), bytes, tags)) {
                    break;
                }
                delete.add(candidate.reference());
                bytes -= candidate.version().bytes();
                tags -= candidate.version().tags().size();
            }
            suggestions.add(new QuotaSuggestion(quota, new Freed(plannedBytes, plannedTags), delete,
                    under(quota.quota(), bytes, tags)));
        }
        return suggestions;
    }

    private record Candidate(String reference, Retention.Version version) {
    }

    private static boolean under(Quota quota, long bytes, int tags) {
        return (quota.bytes().isEmpty() || bytes <= quota.bytes().getAsLong())
                && (quota.tags().isEmpty() || tags <= quota.tags().getAsInt());
    }

    /** In words, for the prune table's footer. */
    public String describe() {
        String name = usage.quota().scope() + " " + usage.quota().name();
        if (delete.isEmpty() && enough) {
            return name + " is over its quota (" + usage.describe() + "); the deletions above bring it under";
        }
        return name + " is over its quota (" + usage.describe() + "); besides the deletions above, "
                + (delete.isEmpty() ? "nothing more may be deleted" : "delete " + String.join(", ", delete))
                + (enough ? " to get under it" : ", and it is still over: what is deployed or protected alone"
                + " exceeds it; raise the quota");
    }
}
