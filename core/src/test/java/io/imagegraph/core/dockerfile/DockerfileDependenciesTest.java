package io.imagegraph.core.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileDependenciesTest {

    private static DockerfileDependencies of(String dockerfile, Map<String, String> args) throws Exception {
        return DockerfileDependencies.of(DockerfileParser.parse(dockerfile), args, "linux/amd64");
    }

    private static List<String> refs(DockerfileDependencies deps) {
        return deps.dependencies().stream().map(d -> d.via() + " " + d.reference() + "@" + d.line()).toList();
    }

    @Test
    void argBeforeFrom_usesItsDefault() throws Exception {
        DockerfileDependencies deps = of("ARG BASE=quay.io/acme/base\nARG TAG=1\nFROM ${BASE}:${TAG}\n", Map.of());
        assertThat(refs(deps)).containsExactly("FROM quay.io/acme/base:1@3");
    }

    @Test
    void argBeforeFrom_isOverriddenByBuildArgs() throws Exception {
        DockerfileDependencies deps = of("ARG BASE=debian\nFROM $BASE\n", Map.of("BASE", "base"));
        assertThat(refs(deps)).containsExactly("FROM base@2");
    }

    @Test
    void platformArgs_resolveForTheTargetPlatform() throws Exception {
        DockerfileDependencies deps = DockerfileDependencies.of(
                DockerfileParser.parse("FROM --platform=$BUILDPLATFORM tools-$TARGETARCH AS t\n"), Map.of(), "linux/arm64");
        assertThat(refs(deps)).containsExactly("FROM tools-arm64@1");
        assertThat(deps.stages().get(0).platform()).contains("linux/arm64");
        assertThat(deps.stages().get(0).name()).contains("t");
    }

    @Test
    void stageNames_areNotImages() throws Exception {
        DockerfileDependencies deps = of(String.join("\n",
                "FROM base AS Build",
                "RUN make",
                "FROM build AS test",
                "FROM scratch",
                "COPY --from=build /out /out",
                "COPY --from=0 /x /x",
                "COPY --from=tools /bin/t /bin/t",
                ""), Map.of());
        assertThat(refs(deps)).containsExactly("FROM base@1", "COPY --from tools@7");
        assertThat(deps.stages()).hasSize(3);
    }

    @Test
    void runMountFrom_isADependencyUnlessAStage() throws Exception {
        DockerfileDependencies deps = of(String.join("\n",
                "FROM base AS b",
                "FROM base",
                "RUN --mount=type=bind,from=wheels,source=/w,target=/w --mount=type=cache,target=/c pip install",
                "RUN --mount=type=bind,from=b,target=/b true",
                ""), Map.of());
        assertThat(refs(deps)).containsExactly("FROM base@1", "FROM base@2", "RUN --mount from wheels@3");
    }

    @Test
    void stageArg_inheritsGlobalValueForCopyFrom() throws Exception {
        DockerfileDependencies deps = of("ARG WHEELS=loci/wheels:2024\nFROM base\nARG WHEELS\nCOPY --from=$WHEELS / /w\n",
                Map.of());
        assertThat(refs(deps)).contains("COPY --from loci/wheels:2024@4");
    }

    @Test
    void fromScratch_isNoDependency() throws Exception {
        assertThat(of("FROM scratch\nCOPY x /x\n", Map.of()).dependencies()).isEmpty();
    }

    @Test
    void fromThatExpandsToNothing_saysWhichLineAndWhatToDo() {
        assertThatThrownBy(() -> of("ARG BASE\nFROM $BASE\n", Map.of()))
                .isInstanceOf(DockerfileSyntaxException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("give the ARG a default");
    }

    @Test
    void instructionBeforeFrom_isRejected() {
        assertThatThrownBy(() -> of("RUN echo\nFROM base\n", Map.of()))
                .hasMessageContaining("RUN comes before the first FROM");
    }

    @Test
    void fromWithExtraWords_isRejected() {
        assertThatThrownBy(() -> of("FROM base extra words\n", Map.of()))
                .hasMessageContaining("optional 'AS name'");
    }
}
