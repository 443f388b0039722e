package io.imagegraph.core.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies one direction of a connection on a daemon thread of its own: each read is written and
 * flushed at once (a docker client waits for answers a few bytes long); at the end of the input
 * the output is closed, and a failure on either side runs {@code onFailure}, which closes the
 * whole connection.
 */
record BytePump(InputStream from, OutputStream to, Runnable onEnd, Runnable onFailure) implements Runnable {

    private static final int BUFFER = 64 * 1024;

    /** Starts copying on a thread named {@code name}; {@code onEnd} runs when the copy ended, however. */
    static Thread start(String name, InputStream from, OutputStream to, Runnable onEnd, Runnable onFailure) {
        Thread thread = new Thread(new BytePump(from, to, onEnd, onFailure), name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[BUFFER];
        try {
            int read;
            while ((read = from.read(buffer)) >= 0) {
                to.write(buffer, 0, read);
                to.flush();
            }
            to.close();
        } catch (IOException | RuntimeException e) {
            onFailure.run();
        } finally {
            onEnd.run();
        }
    }
}
