package io.imagegraph.core.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A journal as one JSON document a line in a file. Appends take an exclusive file lock (on a lock
 * file beside it) and write all their lines in one call, so concurrent processes never interleave
 * or lose records; reads take a shared lock; a rewrite replaces the file atomically under the
 * exclusive lock. A line that is not a record (a crash mid-write on another system) is
 * reported with its number. File locks belong to the whole JVM, so threads of one process also
 * take a lock per file first. Unknown fields are ignored, so older programs read newer journals.
 * A thread with an interrupt pending still reads and writes; the interrupt stays pending.
 *
 * @param <T> the record type (a Java record with JSON-friendly fields)
 */
public final class JsonLinesJournal<T> implements Journal<T> {

    private static final ConcurrentHashMap<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final RecordJson<T> json;
    private final String what;
    private final Object inProcess;
    private final Path lockPath;

    /** @param what what a record is, in words, for messages ("lineage record") */
    public JsonLinesJournal(Path file, Class<T> type, String what) {
        this.file = file;
        this.json = RecordJson.of(type);
        this.what = what;
        this.lockPath = file.resolveSibling(file.getFileName() + ".lock");
        this.inProcess = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), key -> new Object());
    }

    public Path file() {
        return file;
    }

    @Override
    public void append(List<T> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        String lines = lines(records);
        locked(false, () -> {
            appendLines(lines);
            return null;
        });
    }

    @Override
    public List<T> appendDecided(Function<List<T>, List<T>> decide) throws IOException {
        return locked(false, () -> {
            List<T> decided = List.copyOf(decide.apply(parse(readIfThere())));
            if (!decided.isEmpty()) {
                appendLines(lines(decided));
            }
            return decided;
        });
    }

    @Override
    public List<T> read() throws IOException {
        if (absent()) {
            return new ArrayList<>(); // nothing recorded yet: no folder or lock file is made for a read
        }
        return parse(locked(true, this::readIfThere));
    }

    /** Whether the journal's file is there: nothing was ever appended when it is not. */
    boolean absent() {
        return Files.notExists(file);
    }

    @Override
    public List<T> rewrite(UnaryOperator<List<T>> change) throws IOException {
        return locked(false, () -> {
            List<T> next = List.copyOf(change.apply(parse(readIfThere())));
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    write(channel, lines(next));
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return next;
        });
    }

    void appendLines(String lines) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            write(channel, lines);
        }
    }

    private byte[] readIfThere() throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    String lines(List<T> records) throws IOException {
        return json.lines(records);
    }

    private static void write(FileChannel channel, String lines) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    /** Work done under the journal's lock. */
    @FunctionalInterface
    interface LockedWork<R> {
        R run() throws IOException;
    }

    /**
     * Runs work holding the lock on {@code <file>.lock}, shared for reading, exclusive for
     * writing. The lock lives on a file of its own so that a rewrite can replace the journal's
     * file while other processes wait, and they then open the new one.
     */
    <R> R locked(boolean shared, LockedWork<R> work) throws IOException {
        // Journal work is short and must not be left half done: an interrupt already pending (a
        // cancelled build still recording what it did) would close the channel at once, so it is
        // set aside for the caller until the work is done.
        boolean interrupted = Thread.interrupted();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            synchronized (inProcess) {
                try (FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.READ);
                     FileLock lock = lockFile.lock(0, Long.MAX_VALUE, shared)) {
                    return work.run();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    List<T> parse(byte[] content) throws IOException {
        // One parser over the whole file: a parser per line costs more than the parsing itself.
        List<T> records = new ArrayList<>();
        if (content.length > 0) {
            readValues(() -> RecordJson.parser(content), Integer.MAX_VALUE, records::addAll);
        }
        return records;
    }

    /** Records as they are read, a chunk at a time. */
    @FunctionalInterface
    interface ChunkSink<T> {
        void accept(List<T> chunk);
    }

    /** Opens a parser over journal lines. */
    @FunctionalInterface
    private interface Values {
        JsonParser open() throws IOException;
    }

    /**
     * Reads the records from byte {@code from} to the end in chunks of at most {@code chunk}
     * records, without holding the file in memory; returns the offset read up to. Call it under
     * the lock. A line that is not a record is reported with its number counted from {@code from}.
     */
    long stream(long from, int chunk, ChunkSink<T> sink) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = channel.size();
            if (end > from) {
                channel.position(from);
                readValues(() -> RecordJson.parser(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16)),
                        chunk, sink);
            }
            return end;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private void readValues(Values open, int chunk, ChunkSink<T> sink) throws IOException {
        List<T> records = new ArrayList<>();
        try (JsonParser values = open.open()) {
            for (T record = json.next(values); record != null; record = json.next(values)) {
                records.add(record);
                if (records.size() == chunk) {
                    sink.accept(records);
                    records = new ArrayList<>();
                }
            }
        } catch (JsonProcessingException e) {
            throw notARecord(e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException cause) {
                throw notARecord(cause);
            }
            throw e;
        }
        if (!records.isEmpty()) {
            sink.accept(records);
        }
    }

    private IOException notARecord(JsonProcessingException e) {
        return new IOException(file + " line " + e.getLocation().getLineNr() + " is not a " + what + ": "
                + e.getOriginalMessage() + "; move the file aside to start it anew", e);
    }
}
