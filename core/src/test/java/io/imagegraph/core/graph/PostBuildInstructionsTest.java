package io.imagegraph.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostBuildInstructionsTest {

    private final List<GraphProblem> problems = new ArrayList<>();

    @Test
    void check_instructionsThatChangeTheImageInPlace_pass() {
        assertThat(PostBuildInstructions.check(List.of("RUN [\"/bin/sh\", \"-c\", \"cat <<EOF\"]", "CMD [\"bash\"]",
                "env A=1"), "x", "imagegraph.yaml line 3", problems)).isTrue();
        assertThat(problems).isEmpty();
    }

    @Test
    void check_fromCopyAndAdd_areRefusedSayingWhy() {
        assertThat(PostBuildInstructions.check(List.of("FROM alpine", "COPY a /a"), "x", "imagegraph.yaml line 3",
                problems)).isFalse();
        assertThat(problems).hasSize(2).first().asString().contains("imagegraph.yaml line 3")
                .contains("postBuild entry 1 of image 'x' is a FROM instruction");
    }

    @Test
    void check_notAnInstructionOrSeveralLines_isAProblem() {
        PostBuildInstructions.check(List.of("echo hello", "RUN a\nRUN b"), "x", "imagegraph.yaml line 3", problems);
        assertThat(problems).satisfiesExactly(
                p -> assertThat(p.toString()).contains("entry 1").contains("is not a Dockerfile instruction"),
                p -> assertThat(p.toString()).contains("entry 2").contains("goes over several lines"));
    }
}
