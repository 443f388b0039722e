package io.imagegraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class SubcommandsTest {

    /** The usage of imagegraph with every subcommand registered, as before they were lazy. */
    private static String eagerUsage() {
        CommandLine root = new CommandLine(new ImageGraphCommand());
        Subcommands.ALL.forEach(root::addSubcommand);
        StringWriter out = new StringWriter();
        root.usage(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void topLevelHelp_withoutModels_isWhatTheFullModelPrints() {
        assertThat(CliRun.of("--help").out()).isEqualTo(eagerUsage());
        assertThat(CliRun.of("help").out()).isEqualTo(eagerUsage());
    }

    @Test
    void everySubcommand_givesItsOwnHelp_bothWays() {
        for (String name : Subcommands.ALL.keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CliRun direct = CliRun.of(name, "--help");
            assertThat(direct.exitCode()).as(name).isZero();
            assertThat(direct.out()).as(name).containsPattern("(?m)^Usage: imagegraph " + name + " ");
            assertThat(CliRun.of("help", name).out()).as(name).isEqualTo(direct.out());
        }
    }

    @Test
    void namesInTheTable_areTheCommandsOwnNames() {
        Subcommands.ALL.forEach((name, type) ->
                assertThat(type.getAnnotation(CommandLine.Command.class).name()).as(type.getSimpleName()).isEqualTo(name));
    }

    @Test
    void onlyTheCommandThatRuns_isRegistered() {
        CommandLine root = new CommandLine(new ImageGraphCommand());
        Subcommands.register(root, "--quiet", "plan", "--dir", "x");
        assertThat(root.getSubcommands()).containsOnlyKeys("plan");
        CommandLine help = new CommandLine(new ImageGraphCommand());
        Subcommands.register(help, "help", "build");
        assertThat(help.getSubcommands()).containsOnlyKeys("help", "build");
    }

    @Test
    void aMisspelledCommand_getsEveryCommand_forTheSuggestion() {
        CliRun run = CliRun.of("plna");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("plna").contains("plan");
    }
}
