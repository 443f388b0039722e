package io.imagegraph.core.promote;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imagegraph.core.files.JsonDocuments;
import java.io.IOException;
import java.io.Writer;

/** A promotion report as JSON; field names are part of the CLI's contract (docs/cli.md). */
public final class PromotionReportJson {

    private PromotionReportJson() {
    }

    public static void write(PromotionReport report, Writer out) throws IOException {
        JsonDocuments.write(out, json -> body(json, report));
    }

    private static void body(JsonGenerator json, PromotionReport report) throws IOException {
        json.writeBooleanField("dryRun", report.dryRun());
        json.writeBooleanField("succeeded", report.succeeded());
        json.writeArrayFieldStart("refusals");
        for (String refusal : report.refusals()) {
            json.writeString(refusal);
        }
        json.writeEndArray();
        json.writeStringField("failure", report.failure());
        json.writeArrayFieldStart("moves");
        for (MoveResult move : report.moves()) {
            json.writeStartObject();
            json.writeStringField("image", move.image());
            json.writeStringField("repository", move.to().toString());
            json.writeStringField("tag", move.tag());
            json.writeStringField("before", move.before().map(Object::toString).orElse(null));
            json.writeStringField("after", move.after().toString());
            json.writeStringField("status", move.status().id());
            json.writeStringField("reason", move.reason());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
