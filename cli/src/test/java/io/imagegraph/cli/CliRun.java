package io.imagegraph.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the imagegraph command line in-process, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ImageGraphCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
