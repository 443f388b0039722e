package io.imagegraph.core.build;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/** A build report as JSON; field names are part of the CLI's contract (docs/cli.md). */
public final class BuildReportJson {

    private static final JsonFactory JSON = new JsonFactory();

    private BuildReportJson() {
    }

    public static String write(BuildReport report) {
        StringWriter out = new StringWriter();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString();
    }

    public static void write(BuildReport report, Writer out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
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
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }
}
