package io.imagegraph.core.graph;

import java.util.List;

/**
 * A graph file that cannot be read as written; each problem names the file and the line. A file
 * with several mistakes carries all of them, so one run reports every one.
 */
public final class GraphFileException extends Exception {

    /**
     * One mistake.
     *
     * @param line    1-based, or 0 when it concerns the whole file
     * @param problem what is wrong and what to do
     */
    public record Problem(int line, String problem) {
    }

    private final String file;
    private final List<Problem> problems;

    public GraphFileException(String file, int line, String problem) {
        this(file, List.of(new Problem(line, problem)));
    }

    public GraphFileException(String file, List<Problem> problems) {
        super(String.join("\n", problems.stream().map(p -> text(file, p)).toList()));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a graph file exception needs a problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    private static String text(String file, Problem problem) {
        return file + (problem.line() > 0 ? " line " + problem.line() : "") + ": " + problem.problem();
    }

    public String file() {
        return file;
    }

    /** Every problem, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    /** The first problem's line: 1-based, or 0 when it concerns the whole file. */
    public int line() {
        return problems.get(0).line();
    }

    /** The first problem. */
    public String problem() {
        return problems.get(0).problem();
    }
}
