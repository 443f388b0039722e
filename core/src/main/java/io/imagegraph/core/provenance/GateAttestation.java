package io.imagegraph.core.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.gate.GateVerdict;
import io.imagegraph.core.gate.SmokeResult;
import io.imagegraph.core.ref.Digest;
import java.time.Instant;
import java.util.List;

/**
 * The gate's verdict on one image as an in-toto Statement: the smoke tests that ran against the
 * exact digest, each one's status, exit code and duration, and the verdict.
 *
 * @param image      the image's name in the graph
 * @param repository {@code registry/repository} it was tested in
 * @param digest     the tested digest: the statement's subject
 * @param runId      the build run whose images were tested
 * @param verdict    passed, failed or untested
 * @param results    the tests that name the image
 * @param time       when the gate finished
 */
public record GateAttestation(String image, String repository, Digest digest, String runId, GateVerdict verdict,
                              List<SmokeResult> results, Instant time) {

    public static final String PREDICATE_TYPE = "https://image-graph.io/attestation/gate/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public GateAttestation {
        results = List.copyOf(results);
    }

    public byte[] statement() {
        ObjectNode predicate = JSON.createObjectNode();
        predicate.put("image", image);
        predicate.put("testedDigest", digest.toString());
        predicate.put("runId", runId);
        predicate.put("verdict", verdict.id());
        predicate.put("finishedOn", time.toString());
        for (SmokeResult result : results) {
            ObjectNode test = predicate.withArray("tests").addObject();
            test.put("name", result.test());
            test.put("status", result.status().id());
            test.put("exitCode", result.exitCode());
            test.put("durationMillis", result.duration().toMillis());
        }
        return InTotoStatement.write(repository, digest, PREDICATE_TYPE, predicate);
    }
}
