package io.imagegraph.core.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imagegraph.core.files.JsonDocuments;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;

/** The catalog as JSON: the registries (and how their repositories were found), one object a tag, the problems. */
public final class CatalogJson {

    private CatalogJson() {
    }

    public static void write(Catalog catalog, Instant now, Writer out) throws IOException {
        JsonDocuments.write(out, json -> {
            json.writeArrayFieldStart("registries");
            for (RegistryListing listing : catalog.registries()) {
                json.writeStartObject();
                json.writeStringField("registry", listing.registry());
                json.writeBooleanField("listedByRegistry", listing.listed());
                json.writeStringField("note", listing.note());
                json.writeNumberField("repositories", listing.repositories().size());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("tags");
            for (CatalogEntry entry : catalog.entries()) {
                entry(json, entry, now);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("problems");
            for (String problem : catalog.problems()) {
                json.writeString(problem);
            }
            json.writeEndArray();
        });
    }

    private static void entry(JsonGenerator json, CatalogEntry entry, Instant now) throws IOException {
        json.writeStartObject();
        json.writeStringField("registry", entry.registry());
        json.writeStringField("repository", entry.repository());
        json.writeStringField("tag", entry.tag());
        json.writeStringField("digest", entry.digest());
        if (entry.since().isPresent()) {
            json.writeStringField("since", entry.since().get());
            json.writeNumberField("ageSeconds", Duration.between(Instant.parse(entry.since().get()), now).toSeconds());
        }
        json.writeBooleanField("promoted", entry.promoted());
        json.writeBooleanField("tested", entry.tested());
        json.writeBooleanField("held", entry.held().isPresent());
        if (entry.held().isPresent()) {
            json.writeStringField("heldBecause", entry.held().get());
        }
        json.writeBooleanField("deployed", entry.deployed());
        if (entry.deployed()) {
            json.writeArrayFieldStart("deployedIn");
            for (String environment : entry.deployedIn()) {
                json.writeString(environment);
            }
            json.writeEndArray();
        }
        json.writeBooleanField("attested", entry.attested());
        if (entry.runId().isPresent()) {
            json.writeStringField("runId", entry.runId().get());
        }
        json.writeEndObject();
    }
}
