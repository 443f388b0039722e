package io.imagegraph.core.build;

import io.imagegraph.core.process.LineOutput;
import io.imagegraph.core.process.TeeOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** One image's build output: written to its log file, and each line sent as a {@link BuildEvent.Output}. */
final class ImageLog extends FilterOutputStream {

    private final OutputStream file;
    private final LineOutput lines;

    private ImageLog(OutputStream file, LineOutput lines) {
        super(new TeeOutputStream(file, lines));
        this.file = file;
        this.lines = lines;
    }

    /** Starts (or starts again) the log of {@code image} at {@code logFile}. */
    static ImageLog open(Path logFile, String image, BuildEventSink events) throws IOException {
        return new ImageLog(Files.newOutputStream(logFile),
                new LineOutput(line -> events.accept(new BuildEvent.Output(image, line))));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    /** Flushes both, then closes the lines (the last one without a line end is sent) and the file. */
    @Override
    public void close() throws IOException {
        try {
            out.flush();
            lines.close();
        } finally {
            file.close();
        }
    }
}
