package io.imagegraph.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessRunnerTest {

    private final LocalProcessRunner runner = new LocalProcessRunner();

    @Test
    void run_returnsExitCodeAndBothStreams(@TempDir Path dir) throws Exception {
        CapturedRun run = CapturedRun.run(runner, new ProcessSpec(
                List.of("sh", "-c", "echo out; echo err >&2; pwd; echo $GREETING; exit 3"),
                Map.of("GREETING", "hello"), Optional.of(dir), Optional.empty()));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stdout()).isEqualTo("out\n" + dir.toRealPath() + "\nhello\n");
        assertThat(run.stderr()).isEqualTo("err\n");
        assertThat(run.succeeded()).isFalse();
    }

    @Test
    void run_argumentsAreNotInterpretedByAShell(@TempDir Path dir) throws Exception {
        CapturedRun run = CapturedRun.run(runner, ProcessSpec.of(dir, "echo", "$HOME; rm -rf /", "`id`"));
        assertThat(run.stdout()).isEqualTo("$HOME; rm -rf / `id`\n");
    }

    @Test
    void run_writesStdinThenClosesIt(@TempDir Path dir) throws Exception {
        CapturedRun run = CapturedRun.run(runner, new ProcessSpec(List.of("cat"), Map.of(), Optional.of(dir),
                Optional.of("secret-token".getBytes(StandardCharsets.UTF_8))));
        assertThat(run.stdout()).isEqualTo("secret-token");
    }

    @Test
    void run_missingProgram_saysWhichAndWhy(@TempDir Path dir) {
        assertThatThrownBy(() -> runner.run(ProcessSpec.of(dir, "no-such-program-xyz"),
                new ByteArrayOutputStream(), new ByteArrayOutputStream()))
                .hasMessageStartingWith("cannot start 'no-such-program-xyz'")
                .hasMessageEndingWith("(is it installed and on the PATH?)");
    }

    @Test
    void interrupt_stopsTheProcessAndItsChildren(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("pid");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                runner.run(new ProcessSpec(List.of("sh", "-c", "sleep 300 & echo $! > " + marker + "; wait"),
                        Map.of(), Optional.of(dir), Optional.empty()), new ByteArrayOutputStream(), new ByteArrayOutputStream());
                outcome.set(new AssertionError("the run ended by itself"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        caller.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!java.nio.file.Files.exists(marker) || java.nio.file.Files.readString(marker).isBlank()) {
            assertThat(System.currentTimeMillis()).as("the child started").isLessThan(deadline);
            Thread.sleep(20);
        }
        long sleeper = Long.parseLong(java.nio.file.Files.readString(marker).strip());
        caller.interrupt();
        caller.join(20_000);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        Optional<ProcessHandle> child = ProcessHandle.of(sleeper);
        if (child.isPresent()) {
            child.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false))
                .as("the sleep child is stopped").isFalse();
    }
}
