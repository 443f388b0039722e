package io.imagegraph.core.build;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imagegraph.core.files.JsonDocuments;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/** A build report as JSON; field names are part of the CLI's contract (docs/cli.md). */
public final class BuildReportJson {

    /** The report's file name, in the run directory. */
    public static final String FILE_NAME = "build-report.json";

    /** The field naming the run's state folder (absolute), read by {@code io.imagegraph.core.state.RunStateFolder}. */
    public static final String STATE_FOLDER = "stateFolder";

    private BuildReportJson() {
    }

    public static String write(BuildReport report) {
        return JsonDocuments.toString(json -> body(json, report, null));
    }

    public static void write(BuildReport report, Writer out) throws IOException {
        JsonDocuments.write(out, json -> body(json, report, null));
    }

    /**
     * The report with the state folder the run recorded its lineage and tags in, so that
     * promotion finds that run's holds and tag history wherever the report lies.
     */
    public static void write(BuildReport report, Path stateFolder, Writer out) throws IOException {
        JsonDocuments.write(out, json -> body(json, report, stateFolder.toAbsolutePath().normalize().toString()));
    }

    private static void body(JsonGenerator json, BuildReport report, String stateFolder) throws IOException {
        json.writeStringField("runId", report.runId());
        if (stateFolder != null) {
            json.writeStringField(STATE_FOLDER, stateFolder);
        }
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
            if (report.hosts().isPresent()) {
                HostsReportJson.placement(json, report.hosts().get().placement(result.name()));
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        if (report.hosts().isPresent()) {
            HostsReportJson.hosts(json, report.hosts().get());
        }
    }
}
