package io.imagegraph.core.state;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link JsonLinesJournal} with its compaction kept in an index file beside it
 * ({@code <journal>.index}): a header line saying how many bytes of the journal it covers, with a
 * hash of the first and of the last (up to) 4 KiB of those bytes, then the kept records, one JSON
 * document a line. A read takes the journal's shared lock and, when the index covers the whole
 * journal, reads the index only; else it takes the exclusive lock, reads the journal from where the
 * index stops, compacts and replaces the index atomically (a temporary file moved over it). An
 * index that is missing, unreadable, from another format or whose hashes do not match the journal
 * (the journal was rewritten or moved aside) is rebuilt from the whole journal, read in chunks.
 * The journal stays the record: appends go to it under its exclusive lock as before, and the index
 * is only ever derived from it.
 *
 * @param <T> the record type
 */
public final class IndexedJournal<T> implements CompactedJournal<T> {

    /** The index's format; an index of another format is rebuilt. */
    static final int FORMAT = 1;

    private static final int FINGERPRINT_BYTES = 4096;
    private static final int CHUNK = 10_000;
    private static final RecordJson<Header> HEADER = RecordJson.of(Header.class);

    private final JsonLinesJournal<T> journal;
    private final Compaction<T> compaction;
    private final Path index;

    public IndexedJournal(JsonLinesJournal<T> journal, Compaction<T> compaction) {
        this.journal = journal;
        this.compaction = compaction;
        this.index = journal.file().resolveSibling(journal.file().getFileName() + ".index");
    }

    /** The index file. */
    public Path index() {
        return index;
    }

    @Override
    public void append(List<T> records) throws IOException {
        if (!records.isEmpty()) {
            appendDecided(kept -> records);
        }
    }

    @Override
    public List<T> appendDecided(Function<List<T>, List<T>> decide) throws IOException {
        return journal.locked(false, () -> {
            List<T> kept = catchUp();
            List<T> decided = List.copyOf(decide.apply(kept));
            if (!decided.isEmpty()) {
                journal.appendLines(journal.lines(decided));
                writeIndex(compaction.compact(kept, decided));
            }
            return decided;
        });
    }

    @Override
    public List<T> kept() throws IOException {
        if (journal.absent()) {
            return List.of(); // nothing recorded yet: no index is written for a read
        }
        Optional<List<T>> current = journal.locked(true, () -> {
            Optional<Loaded<T>> loaded = load();
            return loaded.isPresent() && loaded.get().header().covers() == size()
                    ? Optional.of(loaded.get().records()) : Optional.empty();
        });
        if (current.isPresent()) {
            return current.get();
        }
        return journal.locked(false, this::catchUp);
    }

    /** Brings the index up to the journal's end, under the exclusive lock; returns what it keeps. */
    private List<T> catchUp() throws IOException {
        Optional<Loaded<T>> loaded = load();
        long size = size();
        if (loaded.isPresent() && loaded.get().header().covers() == size) {
            return loaded.get().records();
        }
        Holder<T> kept = new Holder<>(loaded.map(Loaded::records).orElse(List.of()));
        long from = loaded.map(l -> l.header().covers()).orElse(0L);
        try {
            journal.stream(from, CHUNK, chunk -> kept.value = compaction.compact(kept.value, chunk));
        } catch (IOException e) {
            if (from == 0) {
                throw e;
            }
            // the index stopped mid-line or on another journal: start from the journal's beginning
            kept.value = List.of();
            journal.stream(0, CHUNK, chunk -> kept.value = compaction.compact(kept.value, chunk));
        }
        writeIndex(kept.value);
        return kept.value;
    }

    private void writeIndex(List<T> kept) throws IOException {
        long size = size();
        Header header = new Header(FORMAT, size, fingerprint(0, Math.min(size, FINGERPRINT_BYTES)),
                fingerprint(Math.max(0, size - FINGERPRINT_BYTES), size));
        String content = HEADER.lines(List.of(header)) + journal.lines(kept);
        Path temporary = Files.createTempFile(index.toAbsolutePath().getParent(), "." + index.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(false);
            }
            Files.move(temporary, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The index, when it is there, readable, of this format and derived from this journal. */
    private Optional<Loaded<T>> load() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(index);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        int newline = indexOf(content, (byte) '\n');
        if (newline < 0) {
            return Optional.empty();
        }
        Header header;
        List<T> records;
        try {
            try (JsonParser parser = RecordJson.parser(Arrays.copyOf(content, newline))) {
                header = HEADER.next(parser);
            }
            byte[] rest = new byte[content.length - newline - 1];
            System.arraycopy(content, newline + 1, rest, 0, rest.length);
            records = journal.parse(rest);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        long size = size();
        if (header == null || header.format() != FORMAT || header.covers() > size || header.covers() < 0
                || !fingerprint(0, Math.min(header.covers(), FINGERPRINT_BYTES)).equals(header.head())
                || !fingerprint(Math.max(0, header.covers() - FINGERPRINT_BYTES), header.covers()).equals(header.tail())) {
            return Optional.empty();
        }
        return Optional.of(new Loaded<>(header, List.copyOf(records)));
    }

    private long size() throws IOException {
        try {
            return Files.size(journal.file());
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** SHA-256 of the journal's bytes from {@code start} to {@code end}, in hex. */
    private String fingerprint(long start, long end) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        if (end > start) {
            try (FileChannel channel = FileChannel.open(journal.file(), StandardOpenOption.READ)) {
                ByteBuffer bytes = ByteBuffer.allocate((int) (end - start));
                while (bytes.hasRemaining() && channel.read(bytes, start + bytes.position()) >= 0) {
                    // read until full or the end of the file
                }
                bytes.flip();
                sha.update(bytes);
            } catch (NoSuchFileException e) {
                // nothing to hash
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static int indexOf(byte[] content, byte b) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The index's first line. */
    record Header(int format, long covers, String head, String tail) {
    }

    private record Loaded<T>(Header header, List<T> records) {
    }

    private static final class Holder<T> {
        private List<T> value;

        private Holder(List<T> value) {
            this.value = value;
        }
    }
}
