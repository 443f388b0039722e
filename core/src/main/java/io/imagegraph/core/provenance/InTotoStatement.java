package io.imagegraph.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.ref.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-toto Statement v1, read back: its subjects (name and sha256 digest), its predicate type and
 * its predicate.
 *
 * @param subjects      {@code name@sha256:…} of each subject
 * @param predicateType such as {@link BuildProvenance#PREDICATE_TYPE}
 * @param predicate     the predicate's JSON
 */
public record InTotoStatement(List<Subject> subjects, String predicateType, JsonNode predicate) {

    public static final String TYPE = "https://in-toto.io/Statement/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public InTotoStatement {
        subjects = List.copyOf(subjects);
    }

    /** One subject: the image's name and its manifest digest. */
    public record Subject(String name, Digest digest) {
    }

    static byte[] write(String subjectName, Digest digest, String predicateType, ObjectNode predicate) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("_type", TYPE);
        ObjectNode subject = statement.putArray("subject").addObject();
        subject.put("name", subjectName);
        subject.putObject("digest").put(digest.algorithm(), digest.encoded());
        statement.put("predicateType", predicateType);
        statement.set("predicate", predicate);
        try {
            return JSON.writeValueAsBytes(statement);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an in-toto statement", e);
        }
    }

    public static InTotoStatement parse(byte[] json) throws AttestationFormatException {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new AttestationFormatException("the signed payload is not JSON (" + e.getMessage() + ")");
        }
        if (node == null || !TYPE.equals(node.path("_type").asText())) {
            throw new AttestationFormatException("the signed payload is not an in-toto Statement v1 (_type "
                    + (node == null ? "missing" : node.path("_type").asText("missing")) + ")");
        }
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode subject : node.path("subject")) {
            String sha256 = subject.path("digest").path("sha256").asText("");
            try {
                subjects.add(new Subject(subject.path("name").asText(), Digest.of("sha256:" + sha256)));
            } catch (RuntimeException e) {
                throw new AttestationFormatException("a subject of the statement has no valid sha256 digest ('"
                        + sha256 + "')");
            }
        }
        return new InTotoStatement(subjects, node.path("predicateType").asText(""), node.path("predicate"));
    }

    /** Whether one of the subjects is {@code digest}. */
    public boolean names(Digest digest) {
        return subjects.stream().anyMatch(subject -> subject.digest().equals(digest));
    }
}
