package io.imagegraph.core.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A process to run: argv (never a shell string), extra environment, and a working directory.
 *
 * @param argv             the program and its arguments, each passed as is
 * @param environment      variables added to (or replacing) the runner's own environment
 * @param workingDirectory where it runs; the runner's own directory when empty
 * @param stdin            bytes written to its standard input, then closed (secrets go this way, never in argv)
 */
public record ProcessSpec(List<String> argv, Map<String, String> environment, Optional<Path> workingDirectory,
                          Optional<byte[]> stdin) {

    public ProcessSpec {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a process needs at least a program name");
        }
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    public static ProcessSpec of(Path workingDirectory, String... argv) {
        return new ProcessSpec(List.of(argv), Map.of(), Optional.of(workingDirectory), Optional.empty());
    }

    /** The program name, for messages. */
    public String program() {
        return argv.get(0);
    }
}
