package io.imagegraph.cli;

import picocli.CommandLine.Option;

/** {@code -o text|json}: how a command that reports a result prints it on stdout. */
final class ReportFormatOption {

    @Option(names = {"-o", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a table) or json, for the report on stdout. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    /** The format, refusing {@code dot}, which only {@code plan} draws. */
    boolean json(String command) throws BadInputException {
        if (format == OutputFormat.dot) {
            throw new BadInputException(command + " prints text or json; for a drawing use: imagegraph plan --format dot");
        }
        return format == OutputFormat.json;
    }
}
