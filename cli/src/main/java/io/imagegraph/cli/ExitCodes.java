package io.imagegraph.cli;

/** The exit codes every imagegraph command keeps to (docs/cli.md). */
final class ExitCodes {

    /** Everything asked for was done. */
    static final int OK = 0;
    /** Something failed: a build, a test, a registry, or an unexpected error. */
    static final int FAILED = 1;
    /** The input was wrong: options, the graph, the graph file; nothing was done. */
    static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
