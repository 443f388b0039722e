package io.imagegraph.core.dockerfile;

/** A Dockerfile that the builder itself would refuse, with the line where it goes wrong. */
public final class DockerfileSyntaxException extends Exception {

    private final int line;
    private final String problem;

    public DockerfileSyntaxException(int line, String problem) {
        super(line > 0 ? "line " + line + ": " + problem : problem);
        this.line = line;
        this.problem = problem;
    }

    /** What is wrong, without the line. */
    public String problem() {
        return problem;
    }

    /** 1-based, or 0 when the problem concerns the whole Dockerfile. */
    public int line() {
        return line;
    }
}
