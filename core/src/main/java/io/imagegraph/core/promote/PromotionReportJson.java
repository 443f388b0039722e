package io.imagegraph.core.promote;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imagegraph.core.files.JsonDocuments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.io.Writer;

/** A promotion report as JSON; field names are part of the CLI's contract (docs/cli.md). */
public final class PromotionReportJson {

    private PromotionReportJson() {
    }

    /** The file name the CLI writes a promotion's report under, beside the run's build report. */
    public static final String FILE_NAME = "promotion-report.json";

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** @throws IOException with a sentence naming the file and what is wrong */
    public static PromotionReport read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist; give the promotion report imagegraph promote wrote");
        } catch (IOException e) {
            throw new IOException(file + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!root.path("moves").isArray()) {
            throw new IOException(file + " is not an imagegraph promotion report: it has no moves");
        }
        List<String> refusals = new ArrayList<>();
        root.path("refusals").forEach(refusal -> refusals.add(refusal.asText()));
        List<MoveResult> moves = new ArrayList<>();
        try {
            for (JsonNode move : root.path("moves")) {
                String repository = move.path("repository").asText();
                int slash = repository.indexOf('/');
                MoveStatus status = MoveStatus.valueOf(move.path("status").asText().toUpperCase(Locale.ROOT));
                moves.add(new MoveResult(move.path("image").asText(), new ImageLocation(repository.substring(0, slash),
                        RepositoryName.of(repository.substring(slash + 1))), move.path("tag").asText(),
                        move.hasNonNull("before") ? Optional.of(Digest.of(move.get("before").asText())) : Optional.empty(),
                        Digest.of(move.path("after").asText()), status, move.path("reason").asText("")));
            }
        } catch (RuntimeException e) {
            throw new IOException(file + " has a move that is not one imagegraph promote writes: " + e.getMessage());
        }
        return new PromotionReport(root.path("dryRun").asBoolean(), root.path("succeeded").asBoolean(), refusals,
                root.hasNonNull("failure") ? root.get("failure").asText() : null, moves);
    }
}
