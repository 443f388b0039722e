package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageGraphCommandTest {

    @Test
    void noCommand_isAUsageErrorThatNamesOne() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("name a command, such as: imagegraph plan");
    }

    @Test
    void help_listsCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("plan").contains("Exit codes: 0 success; 1 something failed; 2 bad input");
    }

    @Test
    void help_listsEveryCommand() {
        CliRun run = CliRun.of("--help");
        for (String command : new String[] {"plan", "build", "test", "promote", "history", "rollback", "held", "watch",
                "webhook", "prune", "deployed", "overrides", "contract"}) {
            assertThat(run.out()).containsPattern("(?m)^  " + command + " ");
        }
    }

    @Test
    void version_printsTheProjectVersion() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("imagegraph 0.");
    }

    @Test
    void unknownCommand_isAUsageError() {
        CliRun run = CliRun.of("plna");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("plna");
    }
}
