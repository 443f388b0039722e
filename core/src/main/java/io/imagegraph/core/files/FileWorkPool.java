package io.imagegraph.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs file-reading work (Dockerfiles, build contexts) on a pool of its own, one thread a core by
 * default: on the reference machine reading and hashing is CPU-bound (a 10,000-image plan ran
 * fastest with 2 threads on 2 cores, slower with 4, 8 or 16). On a slow network file system more
 * threads may help: set the system property {@code imagegraph.fileThreads}.
 */
public final class FileWorkPool {

    /** One step of file work; may fail with an {@link IOException}. */
    @FunctionalInterface
    public interface FileTask<T, R> {
        R apply(T item) throws IOException;
    }

    private static final ForkJoinPool POOL = new ForkJoinPool(Integer.getInteger("imagegraph.fileThreads",
            Math.max(2, Runtime.getRuntime().availableProcessors())));

    private FileWorkPool() {
    }

    /** Applies the task to every item in parallel; the results keep the items' order. */
    public static <T, R> List<R> map(Collection<T> items, FileTask<T, R> task) throws IOException {
        try {
            return POOL.submit(() -> items.parallelStream().map(item -> {
                try {
                    return task.apply(item);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList()).join();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
            }
            throw e;
        }
    }
}
