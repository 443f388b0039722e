package io.imagegraph.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "imagegraph",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Build, test, promote and track a family of container images: a base, the images FROM it, the"
                    + " images FROM those. The graph comes from images/<name>/Dockerfile folders and an optional"
                    + " imagegraph.yaml.",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  imagegraph plan --dir examples/openstack",
            "  imagegraph build --dir examples/openstack --tag test",
            "  imagegraph promote --report .imagegraph/runs/<run>/build-report.json --to latest",
            "  imagegraph watch --dir . && imagegraph build --dir . --registry quay.io",
            "  imagegraph history quay.io/acme/keystone:latest",
            "  imagegraph help build",
            "",
            "Exit codes: 0 success; 1 something failed; 2 bad input (nothing was done).",
            "Set IMAGEGRAPH_DEBUG=1 to see stack traces of unexpected errors."
        })
public final class ImageGraphCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command, such as: imagegraph plan");
    }

    public static void main(String[] args) {
        // The JDK keeps 5 idle keep-alive connections a registry; a promotion or build makes 8 and
        // more calls at once, and each one past the fifth would then open a new connection.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        // imagegraph, --help and --version print what picocli printed at build time, without building its model
        int answered = TopLevelAnswers.answer(System.out, System.err, args);
        if (answered >= 0) {
            System.exit(answered);
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(out, err, args));
    }

    /** Runs a command line and returns its exit code; output goes to the given writers. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err, args).execute(args);
    }

    /** The command line that {@link #execute} runs for {@code args}, configured, not yet run. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new ImageGraphCommand());
        Subcommands.register(commandLine, args); // the subcommands are in Subcommands.ALL, added when they run
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            PrintWriter errors = cmd.getErr();
            if (exception instanceof BadInputException bad) {
                bad.messages().forEach(message -> errors.println("imagegraph: " + message));
                errors.flush();
                return ExitCodes.BAD_INPUT;
            }
            if (exception instanceof InterruptedException) {
                errors.println("imagegraph: interrupted");
                errors.flush();
                return ExitCodes.FAILED;
            }
            errors.println("imagegraph: " + (exception.getMessage() == null
                    ? exception.getClass().getSimpleName() : exception.getMessage()));
            if (System.getenv("IMAGEGRAPH_DEBUG") != null) {
                exception.printStackTrace(errors);
            }
            errors.flush();
            return ExitCodes.FAILED;
        });
        return commandLine;
    }
}
