package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.process.OutputTail;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    private static OutputTail tail(String output) throws Exception {
        OutputTail tail = new OutputTail(new ByteArrayOutputStream());
        tail.write(output.getBytes(StandardCharsets.UTF_8));
        return tail;
    }

    @Test
    void failure_transientLineNotLast_isTheReason_andRetryable() throws Exception {
        ImageBuildException failure = TransientFailures.failure("docker exited with 1", tail(
                "ERROR: Cannot connect to the Docker daemon at unix:///nonexistent/docker.sock. Is it running?\n"
                        + "DEPRECATED: The legacy builder is deprecated\n"));
        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("docker exited with 1: ERROR: Cannot connect to the Docker daemon"
                + " at unix:///nonexistent/docker.sock. Is it running?");
    }

    @Test
    void failure_otherFailure_givesTheLastLine_andIsNotRetried() throws Exception {
        ImageBuildException failure = TransientFailures.failure("docker exited with 1", tail(
                "Step 2/2 : RUN exit 3\nThe command '/bin/sh -c exit 3' returned a non-zero code: 3\n\n"));
        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("docker exited with 1: The command '/bin/sh -c exit 3' returned a"
                + " non-zero code: 3");
    }

    @Test
    void isTransient_registryRateLimit() {
        assertThat(TransientFailures.isTransient("toomanyrequests: You have reached your pull rate limit")).isTrue();
        assertThat(TransientFailures.isTransient("manifest unknown")).isFalse();
    }

    @Test
    void failure_legacyBuilderColourCodes_areNotInTheReason() throws Exception {
        ImageBuildException failure = TransientFailures.failure("docker exited with 1", tail(
                "Step 3/3 : RUN x\n\u001B[91m/bin/sh: x: not found\n\u001B[0m\u001B[91m\n\u001B[0m"));
        assertThat(failure.getMessage()).isEqualTo("docker exited with 1: /bin/sh: x: not found");
    }
}
