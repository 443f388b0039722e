package io.imagegraph.core.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads back a {@code build-report.json} written by {@link BuildReportJson}, so that later steps
 * (smoke tests, promotion) work on exactly the digests a build produced.
 */
public final class BuildReportReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BuildReportReader() {
    }

    /** @throws IOException with a sentence naming the file and what is wrong with it */
    public static BuildReport read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist; give the build-report.json of an imagegraph build run"
                    + " (it is in the run directory the build printed)");
        } catch (IOException e) {
            throw new IOException(file + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!root.path("images").isArray() || !root.hasNonNull("runId")) {
            throw new IOException(file + " is not an imagegraph build report: it has no runId and images");
        }
        List<ImageResult> images = new ArrayList<>();
        for (JsonNode image : root.path("images")) {
            String name = image.path("name").asText("");
            ImageStatus status;
            try {
                status = ImageStatus.valueOf(image.path("status").asText("").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": image '" + name + "' has an unknown status '"
                        + image.path("status").asText("") + "'");
            }
            List<String> tags = new ArrayList<>();
            image.path("tags").forEach(tag -> tags.add(tag.asText()));
            images.add(new ImageResult(name, status, text(image, "imageId"), text(image, "digest"), tags,
                    image.path("inputDigest").asText(""), Duration.ofMillis(image.path("durationMillis").asLong()),
                    text(image, "logFile"), image.path("reason").asText(""), image.path("attempts").asInt()));
        }
        try {
            return new BuildReport(root.get("runId").asText(), Instant.parse(root.path("started").asText()),
                    Instant.parse(root.path("finished").asText()), images);
        } catch (DateTimeParseException e) {
            throw new IOException(file + ": 'started' and 'finished' must be ISO-8601 times");
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
