package io.imagegraph.core.graph;

/** A graph file that cannot be read as written; the message names the file and the line. */
public final class GraphFileException extends Exception {

    private final String file;
    private final int line;
    private final String problem;

    public GraphFileException(String file, int line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** 1-based, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
