package io.imagegraph.core.gate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.files.JsonDocuments;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A gate report as JSON ({@code test-report.json}), and read back by promotion; fields are in docs/cli.md. */
public final class GateReportJson {

    /** The report's file name, beside the build report. */
    public static final String FILE_NAME = "test-report.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GateReportJson() {
    }

    public static void write(GateReport report, Writer out) throws IOException {
        JsonDocuments.write(out, json -> body(json, report));
    }

    private static void body(JsonGenerator json, GateReport report) throws IOException {
        json.writeStringField("runId", report.runId());
        json.writeBooleanField("passed", report.passed());
        json.writeObjectFieldStart("verdicts");
        for (Map.Entry<String, GateVerdict> verdict : report.verdicts().entrySet()) {
            json.writeStringField(verdict.getKey(), verdict.getValue().id());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("images");
        for (TestedImage image : report.images()) {
            json.writeStartObject();
            json.writeStringField("image", image.image());
            json.writeStringField("reference", image.reference());
            json.writeStringField("digest", image.digest().orElse(null));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("results");
        for (SmokeResult result : report.results()) {
            json.writeStartObject();
            json.writeStringField("test", result.test());
            json.writeArrayFieldStart("images");
            for (String image : result.images()) {
                json.writeString(image);
            }
            json.writeEndArray();
            json.writeStringField("status", result.status().id());
            json.writeNumberField("exitCode", result.exitCode());
            json.writeNumberField("durationMillis", result.duration().toMillis());
            json.writeStringField("reason", result.reason());
            json.writeStringField("outputTail", result.outputTail());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** @throws IOException with a sentence naming the file and what is wrong */
    public static GateReport read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist; give the test-report.json that imagegraph test wrote");
        } catch (IOException e) {
            throw new IOException(file + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!root.path("images").isArray() || !root.path("results").isArray()) {
            throw new IOException(file + " is not an imagegraph test report: it has no images and results");
        }
        List<TestedImage> images = new ArrayList<>();
        for (JsonNode image : root.path("images")) {
            images.add(new TestedImage(image.path("image").asText(), image.path("reference").asText(),
                    image.hasNonNull("digest") ? Optional.of(image.get("digest").asText()) : Optional.empty()));
        }
        List<SmokeResult> results = new ArrayList<>();
        for (JsonNode result : root.path("results")) {
            List<String> names = new ArrayList<>();
            result.path("images").forEach(name -> names.add(name.asText()));
            SmokeStatus status;
            try {
                status = SmokeStatus.valueOf(result.path("status").asText("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": test '" + result.path("test").asText() + "' has an unknown status '"
                        + result.path("status").asText() + "'");
            }
            results.add(new SmokeResult(result.path("test").asText(), names, status, result.path("exitCode").asInt(),
                    Duration.ofMillis(result.path("durationMillis").asLong()), result.path("outputTail").asText(""),
                    result.path("reason").asText("")));
        }
        return new GateReport(root.path("runId").asText(""), images, results);
    }
}
