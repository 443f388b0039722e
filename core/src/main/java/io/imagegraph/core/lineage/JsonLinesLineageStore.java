package io.imagegraph.core.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lineage records as one JSON document a line in a file. Appends take an exclusive file lock and
 * write all their lines in one call, so concurrent processes never interleave or lose records; a
 * line that is not a record (a crash mid-write on another system) is reported with its number.
 * File locks belong to the whole JVM, so threads of one process also take a lock per file first.
 */
public final class JsonLinesLineageStore implements LineageStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader READER = JSON.readerFor(LineageRecord.class);

    private static final ConcurrentHashMap<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Object inProcess;

    public JsonLinesLineageStore(Path file) {
        this.file = file;
        this.inProcess = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), key -> new Object());
    }

    public Path file() {
        return file;
    }

    @Override
    public void append(List<LineageRecord> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (LineageRecord record : records) {
            lines.append(JSON.writeValueAsString(record)).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        synchronized (inProcess) {
            appendLocked(lines.toString());
        }
    }

    private void appendLocked(String lines) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
             FileLock lock = channel.lock()) {
            ByteBuffer bytes = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
    }

    @Override
    public List<LineageRecord> records() throws IOException {
        byte[] content;
        synchronized (inProcess) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                 FileLock lock = channel.lock(0, Long.MAX_VALUE, true)) {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return List.of();
            }
        }
        // One parser over the whole file: a parser per line costs more than the parsing itself.
        List<LineageRecord> records = new ArrayList<>();
        try (MappingIterator<LineageRecord> values = READER.readValues(content)) {
            while (values.hasNextValue()) {
                records.add(values.nextValue());
            }
        } catch (JsonProcessingException e) {
            throw new IOException(file + " line " + e.getLocation().getLineNr() + " is not a lineage record: "
                    + e.getOriginalMessage() + "; move the file aside to start a new history", e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException cause) {
                throw new IOException(file + " line " + cause.getLocation().getLineNr() + " is not a lineage record: "
                        + cause.getOriginalMessage() + "; move the file aside to start a new history", cause);
            }
            throw e;
        }
        return records;
    }
}
