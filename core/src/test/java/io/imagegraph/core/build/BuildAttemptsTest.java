package io.imagegraph.core.build;

import static io.imagegraph.core.build.FamilyBuild.byName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries of a failed build with the real Docker Engine ({@link FamilyBuild}). */
class BuildAttemptsTest {

    @RegisterExtension
    final FamilyBuild family = new FamilyBuild();

    @Test
    void transientFailure_unreachableDaemon_isRetriedWithBackoffThenBuilt() throws Exception {
        family.retries = 2;
        family.fixture.graphFile("namespace: tf" + Long.toHexString(System.nanoTime()) + "\n"
                + "images:\n  flaky:\n    builder: script\n    command: [sh, flaky.sh]\n    context: flaky\n"
                + "    dependsOn: [base]\n")
                .file("flaky/Dockerfile", "ARG BASE\nFROM $BASE\nRUN echo ok > /ok\n")
                .file("flaky.sh", "if [ ! -f attempted.marker ]; then\n  touch attempted.marker\n"
                        + "  exec docker -H unix:///nonexistent/docker.sock build \"$IMAGEGRAPH_CONTEXT\"\nfi\n"
                        + "docker build --network none -q --build-arg BASE=$IMAGEGRAPH_PARENT_BASE \"$IMAGEGRAPH_CONTEXT\""
                        + " > \"$IMAGEGRAPH_IMAGE_ID_FILE\"\n");
        ImageResult flaky = byName(family.build(Optional.empty(), false)).get("flaky");
        assertThat(flaky.status()).as(flaky.reason()).isEqualTo(ImageStatus.BUILT);
        assertThat(flaky.attempts()).isEqualTo(2);
        assertThat(family.events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(BuildEvent.Retrying.class, retrying -> {
            assertThat(retrying.image()).isEqualTo("flaky");
            assertThat(retrying.reason()).containsIgnoringCase("cannot connect to the docker daemon");
        }));
    }

    @Test
    void failureThatIsNotTransient_isNotRetried() throws Exception {
        family.retries = 2;
        family.fixture.image("broken", "FROM base\nRUN exit 3\n");
        ImageResult broken = byName(family.build(Optional.empty(), false)).get("broken");
        assertThat(broken.status()).isEqualTo(ImageStatus.FAILED);
        assertThat(broken.attempts()).isEqualTo(1);
        assertThat(family.events).noneMatch(e -> e instanceof BuildEvent.Retrying);
    }
}
