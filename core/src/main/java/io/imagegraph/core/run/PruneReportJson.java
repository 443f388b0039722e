package io.imagegraph.core.run;

import io.imagegraph.core.files.JsonDocuments;
import io.imagegraph.core.quota.QuotaSuggestion;
import io.imagegraph.core.track.Retention;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** A prune run as JSON: {@code imagegraph prune -o json} and the {@code pruneImages} step's value. */
public final class PruneReportJson {

    private PruneReportJson() {
    }

    public static String toJson(PruneRun.Outcome outcome) {
        return JsonDocuments.toString(json -> body(outcome, json));
    }

    public static void write(PruneRun.Outcome outcome, Writer out) throws IOException {
        JsonDocuments.write(out, json -> body(outcome, json));
    }

    /** The report with a {@code quotas} array: each quota that is over, and what to delete to get under it. */
    public static void write(PruneRun.Outcome outcome, List<QuotaSuggestion> quotas, Writer out) throws IOException {
        JsonDocuments.write(out, json -> {
            body(outcome, json);
            json.writeArrayFieldStart("quotas");
            for (QuotaSuggestion quota : quotas) {
                json.writeStartObject();
                json.writeStringField("scope", quota.usage().quota().scope().id());
                json.writeStringField("name", quota.usage().quota().name());
                json.writeNumberField("bytes", quota.usage().bytes());
                json.writeNumberField("tags", quota.usage().tags());
                json.writeNumberField("plannedFreedBytes", quota.planned().bytes());
                json.writeNumberField("plannedFreedTags", quota.planned().tags());
                json.writeArrayFieldStart("delete");
                for (String reference : quota.delete()) {
                    json.writeString(reference);
                }
                json.writeEndArray();
                json.writeBooleanField("enough", quota.enough());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private static void body(PruneRun.Outcome outcome, com.fasterxml.jackson.core.JsonGenerator json)
            throws IOException {
        json.writeBooleanField("dryRun", outcome.dryRun());
        json.writeArrayFieldStart("repositories");
        for (Retention.RepositoryPlan plan : outcome.plans()) {
            json.writeStartObject();
            json.writeStringField("repository", plan.repository().toString());
            json.writeNumberField("uniqueBytes", plan.uniqueBytes());
            json.writeNumberField("freedBytes", plan.freedBytes());
            json.writeArrayFieldStart("versions");
            for (Retention.Version version : plan.versions()) {
                json.writeStartObject();
                json.writeStringField("digest", version.digest());
                json.writeArrayFieldStart("tags");
                for (String tag : version.tags()) {
                    json.writeString(tag);
                }
                json.writeEndArray();
                json.writeStringField("created", version.created().map(Object::toString).orElse(null));
                json.writeNumberField("bytes", version.bytes());
                json.writeStringField("decision", version.decision().id());
                json.writeStringField("reason", version.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("failedDeletions");
        for (Retention.Deletion failure : outcome.failures()) {
            json.writeStartObject();
            json.writeStringField("digest", failure.digest());
            json.writeStringField("error", failure.error());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
