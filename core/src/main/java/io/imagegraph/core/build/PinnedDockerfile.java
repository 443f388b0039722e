package io.imagegraph.core.build;

import io.imagegraph.core.dockerfile.DockerfileParser;
import io.imagegraph.core.dockerfile.DockerfileSyntaxException;
import io.imagegraph.core.dockerfile.Instruction;
import io.imagegraph.core.dockerfile.ParsedDockerfile;
import io.imagegraph.core.graph.InternalEdge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Dockerfile with every reference to an image of the graph replaced by the exact image this run
 * built or reused (an image ID or digest reference), so a child can never pick up a stale parent
 * from a tag. FROM, {@code COPY --from} and {@code RUN --mount from=} are rewritten; every other
 * line is kept as written. The lineage labels are added as one LABEL instruction at the end of the
 * stage being built: the Engine's builder turns each {@code --label} flag into a step of its own,
 * which costs a layer commit apiece.
 */
final class PinnedDockerfile {

    private PinnedDockerfile() {
    }

    /**
     * @param original the Dockerfile's text
     * @param edges    the image's edges, which say at which line which parent is named
     * @param pinned   parent name to the reference to build from
     */
    static String render(String original, List<InternalEdge> edges, Map<String, String> pinned,
                         Map<String, String> labels, Optional<String> target) throws DockerfileSyntaxException {
        String[] lines = original.split("\r?\n", -1);
        List<String> out = new ArrayList<>(Arrays.asList(lines));
        ParsedDockerfile parsed = DockerfileParser.parse(original);
        List<Instruction> instructions = parsed.instructions();
        if (!labels.isEmpty()) {
            out.add(labelInsertionIndex(instructions, target, out.size()), labelInstruction(labels, parsed.escape()));
        }
        for (int i = instructions.size() - 1; i >= 0; i--) {
            Instruction instruction = instructions.get(i);
            List<InternalEdge> here = edges.stream().filter(e -> e.line() == instruction.line()).toList();
            if (here.isEmpty()) {
                continue;
            }
            String rewritten = rewrite(instruction, here, pinned);
            int from = instruction.line() - 1;
            int to = instruction.endLine() - 1;
            for (int line = to; line > from; line--) {
                out.remove(line);
            }
            out.set(from, rewritten);
        }
        return String.join("\n", out);
    }

    /** Where the LABEL goes: after the last instruction of the target stage, or at the end. */
    private static int labelInsertionIndex(List<Instruction> instructions, Optional<String> target, int end) {
        if (target.isEmpty()) {
            return end;
        }
        boolean inTarget = false;
        int after = end;
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                if (inTarget) {
                    return after;
                }
                String[] words = instruction.args().strip().split("\\s+");
                inTarget = words.length >= 3 && words[words.length - 2].equalsIgnoreCase("as")
                        && words[words.length - 1].equalsIgnoreCase(target.get());
            }
            if (inTarget) {
                after = instruction.endLine() + instruction.heredocs().stream().mapToInt(h -> (int) h.lines().count() + 1).sum();
            }
        }
        return end;
    }

    private static String labelInstruction(Map<String, String> labels, char escape) {
        StringBuilder line = new StringBuilder("LABEL");
        labels.forEach((key, value) -> line.append(' ').append(quote(key, escape)).append('=').append(quote(value, escape)));
        return line.toString();
    }

    private static String quote(String text, char escape) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.replace('\n', ' ').replace('\r', ' ').toCharArray()) {
            if (c == '"' || c == '$' || c == escape) {
                quoted.append(escape);
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    private static String rewrite(Instruction instruction, List<InternalEdge> edges, Map<String, String> pinned) {
        List<String> words = new ArrayList<>(Arrays.asList(instruction.args().strip().split("\\s+")));
        switch (instruction.keyword()) {
            case "FROM" -> {
                int image = 0;
                while (image < words.size() && words.get(image).startsWith("--")) {
                    image++;
                }
                words.set(image, pinned.get(edges.get(0).parent()));
            }
            case "COPY" -> {
                for (int w = 0; w < words.size() && words.get(w).startsWith("--"); w++) {
                    if (words.get(w).startsWith("--from=")) {
                        words.set(w, "--from=" + pinned.get(edges.get(0).parent()));
                    }
                }
            }
            case "RUN" -> {
                for (int w = 0; w < words.size() && words.get(w).startsWith("--"); w++) {
                    if (words.get(w).startsWith("--mount=")) {
                        words.set(w, pinMount(words.get(w), edges, pinned));
                    }
                }
            }
            default -> {
                return instruction.keyword() + " " + instruction.args();
            }
        }
        return instruction.keyword() + " " + String.join(" ", words);
    }

    private static String pinMount(String mount, List<InternalEdge> edges, Map<String, String> pinned) {
        String[] fields = mount.substring("--mount=".length()).split(",");
        for (int f = 0; f < fields.length; f++) {
            if (fields[f].startsWith("from=")) {
                String source = fields[f].substring("from=".length());
                for (InternalEdge edge : edges) {
                    if (edge.reference().equals(source)) {
                        fields[f] = "from=" + pinned.get(edge.parent());
                    }
                }
            }
        }
        return "--mount=" + String.join(",", fields);
    }
}
