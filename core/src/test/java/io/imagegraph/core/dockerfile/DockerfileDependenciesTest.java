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
    void copyFromVariable_isAnErrorAsInBuildKit() {
        assertThatThrownBy(() -> of("ARG WHEELS=loci/wheels:2024\nFROM base\nARG WHEELS\nCOPY --from=$WHEELS / /w\n",
                Map.of()))
                .isInstanceOf(DockerfileSyntaxException.class)
                .hasMessageStartingWith("line 4: COPY --from=$WHEELS: BuildKit does not expand variables in --from");
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

    private static String error(String dockerfile) {
        try {
            of(dockerfile, Map.of());
        } catch (Exception e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + dockerfile);
    }

    @Test
    void argWithoutDefaultBeforeFrom_keepsTheAutomaticPlatformValue() throws Exception {
        DockerfileDependencies deps = of("FROM alpine AS base-amd64\nFROM alpine AS base-arm64\nARG TARGETARCH\n"
                + "FROM base-${TARGETARCH}\nRUN true\n", Map.of());
        assertThat(refs(deps)).containsExactly("FROM alpine@1", "FROM alpine@2");
        assertThat(deps.stages().get(2).base()).isEqualTo("base-amd64");
    }

    @Test
    void argWithoutDefaultBeforeFrom_keepsAnEarlierDefault() throws Exception {
        assertThat(refs(of("ARG A=x\nARG A\nFROM alpine:$A\n", Map.of()))).containsExactly("FROM alpine:x@3");
    }

    @Test
    void argWithoutDefaultAndNoValue_isUnsetSoDashDefaultsApply() throws Exception {
        assertThat(refs(of("ARG A\nFROM alpine:${A-unset}\n", Map.of()))).containsExactly("FROM alpine:unset@2");
    }

    @Test
    void everyBuildKitSubstitution_expandsInFrom() throws Exception {
        DockerfileDependencies deps = of(String.join("\n",
                "ARG IMAGE=quay.io/acme/base:v2.1-slim",
                "ARG NAME=${IMAGE##*/}",
                "ARG REPO=${IMAGE%:*}",
                "ARG TAG=${IMAGE#*:}",
                "ARG MAJOR=${TAG%%.*}",
                "ARG DOTS=${TAG//./-}",
                "FROM ${REPO}:${MAJOR}-${NAME%%:*}-${DOTS/-/_}",
                ""), Map.of());
        assertThat(refs(deps)).containsExactly("FROM quay.io/acme/base:v2-base-v2_1-slim@7");
    }

    @Test
    void unsupportedSubstitutionInFrom_isAnErrorWithTheLine() {
        assertThat(error("ARG name=x\nFROM alpine:${name:imageVariant}\n"))
                .isEqualTo("line 2: FROM alpine:${name:imageVariant}: unsupported modifier (:i) in substitution");
    }

    @Test
    void requiredArgInFrom_withoutValue_isAnError() {
        assertThat(error("ARG BASE\nFROM ${BASE:?required}\n"))
                .isEqualTo("line 2: FROM ${BASE:?required}: BASE: required");
    }

    @Test
    void argDoublingForty_times_isRefusedWithTheLine() {
        StringBuilder dockerfile = new StringBuilder("ARG A=xxxxxxxxxxxxxxxx\n");
        for (int i = 0; i < 40; i++) {
            dockerfile.append("ARG A=$A$A\n");
        }
        dockerfile.append("FROM alpine:$A\n");
        assertThat(error(dockerfile.toString()))
                .startsWith("line 18: ARG A: expands to more than 1048576 characters");
    }

    @Test
    void manyLargeArgs_areRefusedOnceTheyExpandToMoreThanTheTotalLimit() {
        StringBuilder dockerfile = new StringBuilder("ARG A=xxxxxxxxxxxxxxxx\n");
        for (int i = 0; i < 15; i++) {
            dockerfile.append("ARG A=$A$A\n");
        }
        for (int i = 0; i < 40; i++) {
            dockerfile.append("ARG B").append(i).append("=$A$A\n");
        }
        dockerfile.append("FROM alpine\n");
        assertThat(error(dockerfile.toString())).contains("expand to more than 16777216 characters in all");
    }

    @Test
    void copyFromAStageDefinedLater_isAnError() {
        assertThat(error("FROM alpine\nCOPY --from=b /x /x\nFROM alpine AS b\n"))
                .isEqualTo("line 2: COPY --from=b names a stage that needs to be defined before the current stage (line 1)");
    }

    @Test
    void copyFromWithoutEquals_isAnError() {
        assertThat(error("FROM alpine AS build\nFROM alpine\nCOPY --from build /x /x\n"))
                .startsWith("line 3: COPY --from has no value");
    }

    @Test
    void stageNameWithAVariable_isAnError() {
        assertThat(error("ARG FIRST_STAGE=one\nFROM alpine AS ${FIRST_STAGE}\n"))
                .startsWith("line 2: '${FIRST_STAGE}' is not a valid stage name");
    }

    @Test
    void copyFromAnIndexOutOfRange_isAnError() {
        assertThat(error("FROM alpine\nFROM alpine\nCOPY --from=5 /x /x\n"))
                .isEqualTo("line 3: COPY --from=5 names stage 5, but the Dockerfile has stages 0 to 1");
    }

    @Test
    void copyFromTheCurrentStageIndex_isAnError() {
        assertThat(error("FROM alpine\nCOPY --from=0 /x /x\n")).contains("needs to be defined before the current stage");
    }

    @Test
    void upperCaseFromKeyInMount_namesTheImageAsBuildKitReadsIt() throws Exception {
        assertThat(refs(of("FROM alpine\nRUN --mount=type=bind,FROM=wheels:1,target=/w true\n", Map.of())))
                .containsExactly("FROM alpine@1", "RUN --mount from wheels:1@2");
    }

    @Test
    void mountWithAnUnknownKey_isAnError() {
        assertThat(error("FROM alpine\nRUN --mount=typo=x,target=/w true\n"))
                .startsWith("line 2: RUN --mount has an unknown key 'typo' in 'typo=x'");
    }

    @Test
    void mountFromAVariable_isAnError() {
        assertThat(error("ARG W=wheels\nFROM alpine\nRUN --mount=from=$W,target=/w true\n"))
                .startsWith("line 3: RUN --mount from=$W: BuildKit does not expand variables");
    }

    @Test
    void stageNames_caseRule_isBuildKits() throws Exception {
        DockerfileDependencies deps = of(String.join("\n",
                "FROM alpine AS Build",
                "FROM build AS second",
                "COPY --from=BUILD /x /x",
                "RUN --mount=from=Build,target=/b true",
                ""), Map.of());
        assertThat(refs(deps)).containsExactly("FROM alpine@1");
        assertThat(deps.stages().get(0).name()).contains("build");
        assertThat(refs(of("FROM alpine AS build\nFROM Build\n", Map.of()))).containsExactly("FROM alpine@1", "FROM Build@2");
    }

    @Test
    void withATarget_onlyTheStagesItNeedsCount() throws Exception {
        DockerfileDependencies deps = DockerfileDependencies.of(DockerfileParser.parse(String.join("\n",
                "FROM base AS build",
                "FROM tools AS helper",
                "FROM scratch AS runtime",
                "COPY --from=build /out /out",
                "FROM child-of-this-image AS test",
                "COPY --from=runtime / /",
                "")), Map.of(), "linux/amd64", java.util.Optional.of("Runtime"));
        assertThat(refs(deps)).containsExactly("FROM base@1");
        assertThat(deps.stages()).hasSize(4);
    }

    @Test
    void withATargetThatIsNoStage_isAnErrorListingTheStages() {
        assertThatThrownBy(() -> DockerfileDependencies.of(DockerfileParser.parse("FROM a AS one\nFROM b AS two\n"),
                Map.of(), "linux/amd64", java.util.Optional.of("three")))
                .hasMessage("the target stage 'three' is not in the Dockerfile; its stages are one, two");
    }
}
