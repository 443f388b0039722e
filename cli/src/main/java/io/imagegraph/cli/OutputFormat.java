package io.imagegraph.cli;

/** How a command prints its result. */
enum OutputFormat {
    text, json, dot
}
