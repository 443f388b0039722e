package io.imagegraph.core.process;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Passes output on and keeps its last few kilobytes, for the reason a failure gives. */
public final class OutputTail extends OutputStream {

    private static final int KEEP = 16 * 1024;

    private final OutputStream next;
    private final byte[] ring = new byte[KEEP];
    private long written;

    public OutputTail(OutputStream next) {
        this.next = next;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
        ring[(int) (written++ % KEEP)] = (byte) b;
        next.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
        for (int i = 0; i < len; i++) {
            ring[(int) (written++ % KEEP)] = b[off + i];
        }
        next.write(b, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
        next.flush();
    }

    public synchronized String text() {
        if (written <= KEEP) {
            return new String(ring, 0, (int) written, StandardCharsets.UTF_8);
        }
        int start = (int) (written % KEEP);
        byte[] ordered = new byte[KEEP];
        System.arraycopy(ring, start, ordered, 0, KEEP - start);
        System.arraycopy(ring, 0, ordered, KEEP - start, start);
        return new String(ordered, StandardCharsets.UTF_8);
    }

    /** The last non-blank line, trimmed: usually the builder's own error message. */
    public String lastLine() {
        return Arrays.stream(text().split("\r?\n")).map(String::strip).filter(l -> !l.isEmpty())
                .reduce((first, second) -> second).orElse("(no output)");
    }
}
