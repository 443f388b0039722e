package io.imagegraph.core.promote;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs registry calls for many images at once on a fixed number of threads and gives the results
 * in the order of the inputs. The first failure (such as a {@code RegistryException}) is thrown
 * after every call has ended, so that nothing is left running behind the caller.
 */
final class ParallelCalls {

    interface Call<I, O, E extends Exception> {
        O apply(I input) throws E, InterruptedException;
    }

    private ParallelCalls() {
    }

    @SuppressWarnings("unchecked")
    static <I, O, E extends Exception> List<O> map(int threads, List<I> inputs, Call<I, O, E> call)
            throws E, InterruptedException {
        if (inputs.size() <= 1 || threads <= 1) {
            List<O> results = new ArrayList<>();
            for (I input : inputs) {
                results.add(call.apply(input));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, inputs.size()));
        try {
            List<Future<O>> futures = new ArrayList<>();
            for (I input : inputs) {
                futures.add(pool.submit(() -> call.apply(input)));
            }
            List<O> results = new ArrayList<>();
            Exception first = null;
            for (Future<O> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof InterruptedException interrupted) {
                        throw interrupted;
                    } else if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    } else if (cause instanceof Error error) {
                        throw error;
                    }
                    first = first == null ? (Exception) cause : first;
                    results.add(null);
                }
            }
            if (first != null) {
                throw (E) first;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
