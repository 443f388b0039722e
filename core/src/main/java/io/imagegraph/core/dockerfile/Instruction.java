package io.imagegraph.core.dockerfile;

import java.util.List;

/**
 * One Dockerfile instruction after line continuations are joined and comments dropped.
 *
 * @param keyword  upper-cased, such as {@code FROM} or {@code COPY}
 * @param args     everything after the keyword on the logical line, heredoc bodies excluded
 * @param line     1-based line where the instruction starts
 * @param endLine  1-based line where its logical line ends (heredoc bodies follow it)
 * @param heredocs the bodies of any {@code <<EOF} documents the instruction carries
 * @param flags    the leading {@code --name=value} words, quotes and escapes removed, as BuildKit reads them
 * @param operands what follows the flags
 */
public record Instruction(String keyword, String args, int line, int endLine, List<String> heredocs,
                          List<String> flags, String operands) {

    public Instruction {
        heredocs = List.copyOf(heredocs);
        flags = List.copyOf(flags);
    }

    /** The values of a flag given as {@code --name=value}, in order. */
    public List<String> flagValues(String name) {
        String prefix = "--" + name + "=";
        return flags.stream().filter(flag -> flag.startsWith(prefix)).map(flag -> flag.substring(prefix.length())).toList();
    }
}
