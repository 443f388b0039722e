package io.imagegraph.core.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Runs processes on this machine with {@link ProcessBuilder}. */
public final class LocalProcessRunner implements ProcessRunner {

    private static final long STOP_GRACE_SECONDS = 10;

    @Override
    public int run(ProcessSpec spec, OutputStream stdout, OutputStream stderr) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(spec.argv());
        spec.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        builder.environment().putAll(spec.environment());
        if (spec.stdin().isEmpty()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + spec.program() + "': " + e.getMessage()
                    + " (is it installed and on the PATH?)", e);
        }
        AtomicReference<IOException> copyFailure = new AtomicReference<>();
        Thread out = pump(process.getInputStream(), stdout, spec.program() + " stdout", copyFailure);
        Thread err = pump(process.getErrorStream(), stderr, spec.program() + " stderr", copyFailure);
        try {
            if (spec.stdin().isPresent()) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(spec.stdin().get());
                }
            }
            int exit = process.waitFor();
            out.join();
            err.join();
            if (copyFailure.get() != null) {
                throw new IOException("the output of '" + spec.program() + "' could not be copied: "
                        + copyFailure.get().getMessage(), copyFailure.get());
            }
            return exit;
        } catch (InterruptedException e) {
            stop(process);
            out.join(TimeUnit.SECONDS.toMillis(STOP_GRACE_SECONDS));
            err.join(TimeUnit.SECONDS.toMillis(STOP_GRACE_SECONDS));
            throw e;
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }

    private static Thread pump(InputStream from, OutputStream to, String name, AtomicReference<IOException> failure) {
        Thread thread = new Thread(() -> {
            try (from) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
