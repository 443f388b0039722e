package io.imagegraph.core.tunnel;

import java.io.IOException;
import java.io.OutputStream;

/** An output that writes through to another and decides for itself what closing it means. */
abstract class ForwardingOutput extends OutputStream {

    private final OutputStream out;

    ForwardingOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public final void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public final void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public final void flush() throws IOException {
        out.flush();
    }

    /** Closes the stream written through, for a subclass whose close ends it. */
    final void closeThrough() throws IOException {
        out.close();
    }
}
