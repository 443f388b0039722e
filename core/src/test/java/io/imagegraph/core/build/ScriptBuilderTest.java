package io.imagegraph.core.build;

import static io.imagegraph.core.build.FamilyBuild.byName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Images built by a script of the graph file, with the real Docker Engine ({@link FamilyBuild}). */
class ScriptBuilderTest {

    @RegisterExtension
    final FamilyBuild family = new FamilyBuild();

    @Test
    void scriptBuilder_getsItsInputsFromTheEnvironment_andReportsTheImage() throws Exception {
        family.fixture.graphFile("namespace: sc" + Long.toHexString(System.nanoTime()) + "\n"
                + "images:\n  scripted:\n    builder: script\n    command: [sh, build.sh]\n    context: scripted\n"
                + "    dependsOn: [base]\n    buildArgs: {GREETING: hello}\n")
                .file("scripted/Dockerfile", "ARG BASE\nFROM $BASE\nARG GREETING\nRUN echo $GREETING > /greeting\n")
                .file("build.sh", "set -e\necho \"building $IMAGEGRAPH_IMAGE\"\n"
                        + "tags=\"\"; for t in $IMAGEGRAPH_TAGS; do tags=\"$tags -t $t\"; done\n"
                        + "docker build --network none -q $tags --build-arg BASE=$IMAGEGRAPH_PARENT_BASE"
                        + " --build-arg GREETING=$IMAGEGRAPH_BUILD_ARG_GREETING \"$IMAGEGRAPH_CONTEXT\""
                        + " > \"$IMAGEGRAPH_IMAGE_ID_FILE\"\n");
        BuildReport report = family.build(Optional.empty(), false);
        ImageResult scripted = byName(report).get("scripted");
        assertThat(scripted.status()).as(scripted.reason()).isEqualTo(ImageStatus.BUILT);
        assertThat(family.docker.docker("run", "--rm", "--network", "none", scripted.imageId().orElseThrow(), "/bin/cat",
                "/greeting").stdout()).isEqualTo("hello\n");
        assertThat(family.events).contains(new BuildEvent.Output("scripted", "building scripted"));
    }

    @Test
    void scriptThatReportsNoImage_fails() throws Exception {
        family.fixture.graphFile("namespace: sn" + Long.toHexString(System.nanoTime()) + "\n"
                + "images:\n  scripted:\n    builder: script\n    command: [\"true\"]\n");
        ImageResult scripted = byName(family.build(Optional.empty(), false)).get("scripted");
        assertThat(scripted.status()).isEqualTo(ImageStatus.FAILED);
        assertThat(scripted.reason()).isEqualTo("true succeeded but did not write the image ID to $IMAGEGRAPH_IMAGE_ID_FILE");
    }
}
