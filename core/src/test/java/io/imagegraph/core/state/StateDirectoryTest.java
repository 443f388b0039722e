package io.imagegraph.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagegraph.core.state.JournalWriterProcess.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

    @Test
    void journal_isAJsonLinesFileInTheFolder(@TempDir Path dir) throws Exception {
        StateDirectory state = StateDirectory.at(dir.resolve(".imagegraph"));
        state.journal("tag-history", Entry.class).append(List.of(new Entry("w", 1, null)));
        assertThat(Files.readAllLines(dir.resolve(".imagegraph/tag-history.jsonl"))).hasSize(1);
        assertThat(state.journal("tag-history", Entry.class).read()).containsExactly(new Entry("w", 1, null));
    }

    @Test
    void journal_nameThatIsNotAPlainWord_isRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> StateDirectory.at(dir).journal("../escape", Entry.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../escape");
    }

    @Test
    void forGraph_isTheRootsFolder_unlessTheEnvironmentNamesASharedOne(@TempDir Path dir) {
        assertThat(StateDirectory.forGraph(dir, java.util.Map.of()).folder()).isEqualTo(dir.resolve(".imagegraph"));
        assertThat(StateDirectory.forGraph(dir, java.util.Map.of("IMAGEGRAPH_STATE", "/var/lib/imagegraph")).folder())
                .isEqualTo(Path.of("/var/lib/imagegraph"));
        assertThat(StateDirectory.forGraph(dir, java.util.Map.of("IMAGEGRAPH_STATE", " ")).folder())
                .isEqualTo(dir.resolve(".imagegraph"));
    }
}
