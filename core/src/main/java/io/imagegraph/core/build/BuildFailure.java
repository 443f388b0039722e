package io.imagegraph.core.build;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed Dockerfile build's output says went wrong: the instruction that failed and the
 * last line it printed ({@code set -u}'s "PIP_VERSION_CONSTRAINT: unbound variable", apt's
 * "Temporary failure resolving ..."), read from BuildKit's plain progress ({@code #7 [2/5] RUN ...},
 * {@code #7 0.43 output}, {@code #7 ERROR: ...}) or from the legacy builder's steps
 * ({@code Step 2/5 : RUN ...}, output, {@code The command ... returned a non-zero code: 1}).
 *
 * @param instruction the failing instruction as the builder shows it, when it says
 * @param output      the last line that instruction printed, when it printed any
 * @param error       the builder's own error line
 */
record BuildFailure(Optional<String> instruction, Optional<String> output, String error) {

    private static final Pattern BUILDKIT_LINE = Pattern.compile("#(\\d+) (.*)");
    private static final Pattern BUILDKIT_STEP = Pattern.compile("\\[[^\\]]*\\] (.*)");
    private static final Pattern BUILDKIT_OUTPUT = Pattern.compile("\\d+\\.\\d+ (.*)");
    private static final Pattern LEGACY_STEP = Pattern.compile("(?:Step|STEP) \\d+/\\d+ ?: (.*)");
    private static final List<String> NETWORK_SIGNS = List.of("temporary failure resolving", "could not resolve",
            "name or service not known", "network is unreachable", "no such host", "bad address",
            "failed to establish a new connection", "temporary failure in name resolution", "connection refused",
            "network bridge not found", "could not connect to");

    static BuildFailure of(String text) {
        // the legacy builder colours a step's stderr: ESC[91m ... ESC[0m
        List<String> lines = TerminalColours.strip(text).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = BUILDKIT_LINE.matcher(lines.get(i));
            if (m.matches() && m.group(2).startsWith("ERROR: ")) {
                return buildKit(lines, i, m.group(1), last);
            }
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher step = LEGACY_STEP.matcher(lines.get(i));
            if (step.matches()) {
                String output = null;
                for (int j = i + 1; j < lines.size(); j++) {
                    String line = lines.get(j);
                    if (!line.startsWith("---> ") && !line.startsWith("The command ") && !line.equals("--->")
                            && !line.startsWith("error building at STEP") && !line.startsWith("Error: ")) {
                        output = line;
                    }
                }
                return new BuildFailure(Optional.of(step.group(1)), Optional.ofNullable(output), last);
            }
        }
        return new BuildFailure(Optional.empty(), Optional.empty(), last);
    }

    private static BuildFailure buildKit(List<String> lines, int errorLine, String step, String last) {
        String instruction = null;
        String output = null;
        for (int i = 0; i < errorLine; i++) {
            Matcher m = BUILDKIT_LINE.matcher(lines.get(i));
            if (!m.matches() || !m.group(1).equals(step)) {
                continue;
            }
            Matcher header = BUILDKIT_STEP.matcher(m.group(2));
            Matcher printed = BUILDKIT_OUTPUT.matcher(m.group(2));
            if (printed.matches()) {
                output = printed.group(1).strip();
            } else if (instruction == null && header.matches()) {
                instruction = header.group(1);
            } else if (instruction == null && !m.group(2).startsWith("sha256:")) {
                instruction = m.group(2);
            }
        }
        String error = lines.get(errorLine).substring(lines.get(errorLine).indexOf("ERROR: ") + "ERROR: ".length());
        return new BuildFailure(Optional.ofNullable(instruction), Optional.ofNullable(output).filter(o -> !o.isEmpty()),
                error.isEmpty() ? last : error);
    }

    /** Whether the failure looks like a step that wanted the network and could not reach it. */
    boolean looksLikeNoNetwork() {
        String text = (output.orElse("") + "\n" + error).toLowerCase(Locale.ROOT);
        return NETWORK_SIGNS.stream().anyMatch(text::contains);
    }

    /** "at 'RUN set -u; ...': PIP_VERSION_CONSTRAINT: unbound variable", or the builder's error line. */
    String reason() {
        return instruction.map(step -> "at '" + step + "': " + output.orElse(error)).orElse(error);
    }
}
