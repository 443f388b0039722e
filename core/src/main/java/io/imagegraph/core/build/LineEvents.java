package io.imagegraph.core.build;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Turns one image's output stream into {@link BuildEvent.Output} events, a whole line at a time. */
final class LineEvents extends OutputStream {

    private final String image;
    private final BuildEventSink sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineEvents(String image, BuildEventSink sink) {
        this.image = image;
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else if (b != '\r') {
            line.write(b);
        }
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        sink.accept(new BuildEvent.Output(image, line.toString(StandardCharsets.UTF_8)));
        line.reset();
    }
}
