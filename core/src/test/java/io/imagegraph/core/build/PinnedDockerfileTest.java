package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegraph.core.graph.InternalEdge;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PinnedDockerfileTest {

    private static final String BASE_ID = "sha256:" + "b".repeat(64);
    private static final String TOOLS_ID = "sha256:" + "7".repeat(64);

    @Test
    void render_pinsFromCopyFromAndMountFrom_keepingEverythingElse() throws Exception {
        String original = String.join("\n",
                "# comment stays",
                "ARG BASE=base",
                "FROM --platform=$TARGETPLATFORM ${BASE} AS build",
                "COPY --from=tools \\",
                "     /bin/t /bin/t",
                "RUN --mount=type=bind,from=tools,target=/t true",
                "FROM scratch",
                "COPY --from=build /out /out",
                "");
        List<InternalEdge> edges = List.of(
                new InternalEdge("base", "svc", "x", 3, "base"),
                new InternalEdge("tools", "svc", "x", 4, "tools"),
                new InternalEdge("tools", "svc", "x", 6, "tools"));
        String pinned = PinnedDockerfile.render(original, edges, Map.of("base", BASE_ID, "tools", TOOLS_ID),
                Map.of(), Optional.empty());
        assertThat(pinned).isEqualTo(String.join("\n",
                "# comment stays",
                "ARG BASE=base",
                "FROM --platform=$TARGETPLATFORM " + BASE_ID + " AS build",
                "COPY --from=" + TOOLS_ID + " /bin/t /bin/t",
                "RUN --mount=type=bind,from=" + TOOLS_ID + ",target=/t true",
                "FROM scratch",
                "COPY --from=build /out /out",
                ""));
    }

    @Test
    void render_labels_goOnOneInstructionAtTheEnd_quoted() throws Exception {
        Map<String, String> labels = new TreeMap<>(Map.of("a.b", "plain", "q", "say \"hi\" for $5"));
        String pinned = PinnedDockerfile.render("FROM scratch\nCOPY x /x\n", List.of(), Map.of(), labels, Optional.empty());
        assertThat(pinned).isEqualTo("FROM scratch\nCOPY x /x\n\nLABEL \"a.b\"=\"plain\" \"q\"=\"say \\\"hi\\\" for \\$5\"");
    }

    @Test
    void render_labelsWithATarget_goAtTheEndOfThatStage() throws Exception {
        String original = "FROM scratch AS runtime\nCOPY a /a\nFROM scratch AS test\nCOPY b /b\n";
        String pinned = PinnedDockerfile.render(original, List.of(), Map.of(), Map.of("k", "v"), Optional.of("runtime"));
        assertThat(pinned).isEqualTo("FROM scratch AS runtime\nCOPY a /a\nLABEL \"k\"=\"v\"\nFROM scratch AS test\nCOPY b /b\n");
    }
}
