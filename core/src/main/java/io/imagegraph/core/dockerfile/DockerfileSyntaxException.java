package io.imagegraph.core.dockerfile;

/** A Dockerfile that the builder itself would refuse, with the line where it goes wrong. */
public final class DockerfileSyntaxException extends Exception {

    private final int line;

    public DockerfileSyntaxException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
