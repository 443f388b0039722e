package io.imagegraph.core.build;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imagegraph.core.files.JsonDocuments;
import java.io.IOException;
import java.io.Writer;

/** A build report as JSON; field names are part of the CLI's contract (docs/cli.md). */
public final class BuildReportJson {

    /** The report's file name, in the run directory. */
    public static final String FILE_NAME = "build-report.json";

    private BuildReportJson() {
    }

    public static String write(BuildReport report) {
        return JsonDocuments.toString(json -> body(json, report));
    }

    public static void write(BuildReport report, Writer out) throws IOException {
        JsonDocuments.write(out, json -> body(json, report));
    }

    private static void body(JsonGenerator json, BuildReport report) throws IOException {
        json.writeStringField("runId", report.runId());
        json.writeStringField("started", report.started().toString());
        json.writeStringField("finished", report.finished().toString());
        json.writeBooleanField("succeeded", report.succeeded());
        json.writeObjectFieldStart("counts");
        for (ImageStatus status : ImageStatus.values()) {
            json.writeNumberField(status.id(), report.count(status));
        }
        json.writeEndObject();
        json.writeArrayFieldStart("images");
        for (ImageResult result : report.images()) {
            json.writeStartObject();
            json.writeStringField("name", result.name());
            json.writeStringField("status", result.status().id());
            json.writeStringField("imageId", result.imageId().orElse(null));
            json.writeStringField("digest", result.digest().orElse(null));
            json.writeArrayFieldStart("tags");
            for (String tag : result.tags()) {
                json.writeString(tag);
            }
            json.writeEndArray();
            json.writeStringField("inputDigest", result.inputDigest());
            json.writeNumberField("durationMillis", result.duration().toMillis());
            json.writeStringField("logFile", result.logFile().orElse(null));
            json.writeStringField("reason", result.reason());
            json.writeNumberField("attempts", result.attempts());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
