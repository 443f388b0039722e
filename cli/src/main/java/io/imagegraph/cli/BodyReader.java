package io.imagegraph.cli;

import java.io.ByteArrayOutputStream;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body without holding a thread while it arrives: keeps its first bytes up to a
 * limit and reads (discarding) what follows up to a second limit, then says what it read. A body
 * that trickles in costs a connection, not a thread.
 */
final class BodyReader implements Runnable {

    /** Told once, from a Jetty thread that must not block. */
    interface Done {
        /**
         * @param kept   the body's first bytes, at most the kept limit
         * @param larger the body is larger than the kept limit
         * @param ended  the whole body was read (else reading stopped at the second limit)
         */
        void read(byte[] kept, boolean larger, boolean ended);

        void failed(Throwable failure);
    }

    private final Content.Source source;
    private final int keep;
    private final long readAtMost;
    private final Done done;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long seen;

    private BodyReader(Content.Source source, int keep, long readAtMost, Done done) {
        this.source = source;
        this.keep = keep;
        this.readAtMost = readAtMost;
        this.done = done;
    }

    /** Starts reading; {@code done} is told when the body ended or {@code readAtMost} bytes were read. */
    static void read(Content.Source source, int keep, long readAtMost, Done done) {
        new BodyReader(source, keep, readAtMost, done).run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                done.failed(chunk.getFailure());
                return;
            }
            int length = chunk.remaining();
            if (length > 0 && kept.size() < keep) {
                byte[] bytes = new byte[Math.min(length, keep - kept.size())];
                chunk.getByteBuffer().get(bytes);
                kept.write(bytes, 0, bytes.length);
            }
            seen += length;
            boolean last = chunk.isLast();
            chunk.release();
            if (last || seen > readAtMost) {
                done.read(kept.toByteArray(), seen > keep, last);
                return;
            }
        }
    }
}
