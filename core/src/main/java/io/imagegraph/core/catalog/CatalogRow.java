package io.imagegraph.core.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a catalog page: a tag, its digest, its age, what is known of the digest in words, and
 * the build that produced it where known (by the run the lineage names, else by the digest).
 *
 * @param entry      the catalog's entry
 * @param age        how long the tag has pointed there ({@code 3d}, {@code 5h}, {@code 12m}; {@code -}: unknown)
 * @param facts      {@code promoted}, {@code tested}, {@code held: why}, {@code deployed: env}, {@code attested}
 * @param producedBy the build that produced the digest (a Jenkins build's URL), when known
 */
public record CatalogRow(CatalogEntry entry, String age, List<String> facts, Optional<String> producedBy) {

    public CatalogRow {
        facts = List.copyOf(facts);
    }

    /**
     * The rows the filter admits, in the catalog's order.
     *
     * @param byRun    run id → the build that ran it
     * @param byDigest digest → the build that produced it, for digests the lineage does not name
     */
    public static List<CatalogRow> of(Catalog catalog, CatalogFilter filter, Map<String, String> byRun,
                                      Map<String, String> byDigest, Instant now) {
        List<CatalogRow> rows = new ArrayList<>();
        for (CatalogEntry entry : catalog.entries()) {
            if (!filter.admits(entry)) {
                continue;
            }
            List<String> facts = new ArrayList<>();
            if (entry.promoted()) {
                facts.add("promoted");
            }
            if (entry.tested()) {
                facts.add("tested");
            }
            entry.held().ifPresent(why -> facts.add("held: " + why));
            if (entry.deployed()) {
                facts.add("deployed: " + String.join(", ", entry.deployedIn()));
            }
            if (entry.attested()) {
                facts.add("attested");
            }
            Optional<String> build = entry.runId().map(byRun::get);
            rows.add(new CatalogRow(entry, entry.since().map(since -> age(Duration.between(Instant.parse(since), now)))
                    .orElse("-"), facts, build.isPresent() ? build : Optional.ofNullable(byDigest.get(entry.digest()))));
        }
        return rows;
    }

    /** {@code 3d}, {@code 5h} or {@code 12m}: the largest whole unit. */
    public static String age(Duration age) {
        if (age.toDays() > 0) {
            return age.toDays() + "d";
        }
        if (age.toHours() > 0) {
            return age.toHours() + "h";
        }
        return Math.max(0, age.toMinutes()) + "m";
    }
}
