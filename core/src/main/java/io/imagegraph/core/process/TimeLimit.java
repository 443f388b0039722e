package io.imagegraph.core.process;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a process with a time limit: past it, the run is interrupted, which makes the runner stop
 * the process and its children (as cancelling does), and the result says it ran out of time.
 */
public final class TimeLimit {

    private TimeLimit() {
    }

    /** The exit code, or empty when the process ran past {@code limit} and was stopped. */
    public static OptionalInt run(ProcessRunner runner, ProcessSpec spec, OutputStream stdout, OutputStream stderr,
                                  Duration limit) throws IOException, InterruptedException {
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread worker = new Thread(task, "imagegraph-" + spec.program());
            worker.setDaemon(true);
            return worker;
        });
        Future<Integer> run = thread.submit(() -> runner.run(spec, stdout, stderr));
        try {
            return OptionalInt.of(run.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            run.cancel(true);
            thread.shutdown();
            thread.awaitTermination(30, TimeUnit.SECONDS);
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            run.cancel(true);
            thread.shutdown();
            thread.awaitTermination(30, TimeUnit.SECONDS);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("running " + spec.program() + " failed unexpectedly", e.getCause());
        } finally {
            thread.shutdownNow();
        }
    }
}
