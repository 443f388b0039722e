package io.imagegraph.cli;

import io.imagegraph.core.catalog.Catalog;
import io.imagegraph.core.catalog.CatalogEntry;
import io.imagegraph.core.catalog.CatalogRow;
import java.time.Duration;
import java.time.Instant;

/** The catalog as a table: one row a tag, its digest, its age and what is known of the digest. */
final class CatalogTable {

    private CatalogTable() {
    }

    static String render(Catalog catalog, Instant now) {
        TextTable table = new TextTable("REPOSITORY", "TAG", "DIGEST", "AGE", "PROMOTED", "TESTED", "HELD", "DEPLOYED",
                "ATTESTED", "RUN");
        for (CatalogEntry entry : catalog.entries()) {
            table.row(entry.location(), entry.tag(), shortDigest(entry.digest()),
                    entry.since().map(since -> age(Duration.between(Instant.parse(since), now))).orElse("-"),
                    yes(entry.promoted()), yes(entry.tested()), yes(entry.held().isPresent()),
                    entry.deployed() ? String.join(",", entry.deployedIn()) : "-", yes(entry.attested()),
                    entry.runId().orElse("-"));
        }
        StringBuilder out = new StringBuilder(table.render());
        long held = catalog.entries().stream().filter(entry -> entry.held().isPresent()).count();
        out.append(catalog.entries().size()).append(catalog.entries().size() == 1 ? " tag" : " tags").append(" in ")
                .append(catalog.entries().stream().map(CatalogEntry::location).distinct().count())
                .append(" repositories of ").append(catalog.registries().size())
                .append(catalog.registries().size() == 1 ? " registry" : " registries")
                .append(held > 0 ? "; " + held + " held" : "").append('\n');
        catalog.entries().stream().filter(entry -> entry.held().isPresent()).forEach(entry -> out.append("  held: ")
                .append(entry.location()).append(':').append(entry.tag()).append(": ").append(entry.held().get())
                .append('\n'));
        return out.toString();
    }

    private static String yes(boolean value) {
        return value ? "yes" : "-";
    }

    private static String shortDigest(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) : digest;
    }

    static String age(Duration age) {
        return CatalogRow.age(age);
    }
}
