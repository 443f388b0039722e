package io.imagegraph.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading builders' real failure output (as captured from BuildKit, the legacy builder and buildah). */
class BuildFailureTest {

    @Test
    void buildKit_theFailingStepAndItsLastLine() {
        BuildFailure failure = BuildFailure.of(String.join("\n",
                "#7 [stage-0 4/5] RUN --mount=type=ssh true",
                "#7 DONE 0.4s",
                "",
                "#8 [stage-0 5/5] RUN set -u && echo $PIP_VERSION_CONSTRAINT",
                "#8 sha256:2c0fe1f8f0d2a3",
                "#8 0.435 /bin/sh: PIP_VERSION_CONSTRAINT: parameter not set",
                "#8 ERROR: executor failed running [/bin/sh -c set -u && echo $PIP_VERSION_CONSTRAINT]: exit code: 2",
                "------",
                " > [stage-0 5/5] RUN set -u && echo $PIP_VERSION_CONSTRAINT:",
                "------",
                "executor failed running [/bin/sh -c set -u && echo $PIP_VERSION_CONSTRAINT]: exit code: 2"));
        assertThat(failure.instruction()).contains("RUN set -u && echo $PIP_VERSION_CONSTRAINT");
        assertThat(failure.output()).contains("/bin/sh: PIP_VERSION_CONSTRAINT: parameter not set");
        assertThat(failure.reason()).isEqualTo("at 'RUN set -u && echo $PIP_VERSION_CONSTRAINT':"
                + " /bin/sh: PIP_VERSION_CONSTRAINT: parameter not set");
    }

    @Test
    void legacyBuilder_theLastStepAndItsLastLine() {
        BuildFailure failure = BuildFailure.of(String.join("\n",
                "Step 3/4 : RUN apt-get update",
                " ---> Running in 0d6c2c8e1a",
                "Err:1 http://deb.debian.org/debian bookworm InRelease",
                "  Temporary failure resolving 'deb.debian.org'",
                "The command '/bin/sh -c apt-get update' returned a non-zero code: 100"));
        assertThat(failure.reason()).isEqualTo("at 'RUN apt-get update': Temporary failure resolving 'deb.debian.org'");
        assertThat(failure.looksLikeNoNetwork()).isTrue();
    }

    @Test
    void legacyBuilder_colouredStderr_isReadWithoutTheColours() {
        BuildFailure failure = BuildFailure.of(String.join("\n",
                "Step 2/2 : RUN [\"/bin/busybox\", \"wget\", \"http://127.0.0.1:1/\"]",
                " ---> Running in a83780510a71",
                "\u001B[91mwget: can't connect to remote host (127.0.0.1): Connection refused",
                "\u001B[0mThe command '/bin/busybox wget http://127.0.0.1:1/' returned a non-zero code: 1"));
        assertThat(failure.output()).contains("wget: can't connect to remote host (127.0.0.1): Connection refused");
        assertThat(failure.looksLikeNoNetwork()).isTrue();
    }

    @Test
    void buildah_itsStepLinesAreReadToo() {
        BuildFailure failure = BuildFailure.of(String.join("\n",
                "STEP 2/2: RUN exit 4",
                "error building at STEP \"RUN exit 4\": error while running runtime: exit status 4"));
        assertThat(failure.instruction()).contains("RUN exit 4");
        assertThat(failure.output()).isEmpty();
        assertThat(failure.looksLikeNoNetwork()).isFalse();
    }

    @Test
    void outputWithoutSteps_theReasonIsTheLastLine() {
        BuildFailure failure = BuildFailure.of("unable to prepare context: path \"x\" not found\n");
        assertThat(failure.instruction()).isEmpty();
        assertThat(failure.reason()).isEqualTo("unable to prepare context: path \"x\" not found");
    }
}
