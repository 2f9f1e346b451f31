package io.muster.ingest;

import com.fasterxml.jackson.core.JsonParser;
import io.muster.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A document read once from its stream and kept so it can be parsed twice ({@link RecordSplitter}'s two
 * passes): in memory while small, in a temporary file beyond {@link #IN_MEMORY_BYTES}, removed on close.
 * Reading stops with {@link BoundedInputStream.TooLarge} past the size limit.
 */
final class SpooledBody implements RecordSplitter.Body, AutoCloseable {

    static final int IN_MEMORY_BYTES = 4 * 1024 * 1024;

    private final byte[] bytes;
    private final Path file;

    private SpooledBody(byte[] bytes, Path file) {
        this.bytes = bytes;
        this.file = file;
    }

    static SpooledBody of(byte[] bytes) {
        return new SpooledBody(bytes, null);
    }

    static SpooledBody read(InputStream in, long limit) throws IOException {
        try (InputStream bounded = new BoundedInputStream(in, limit)) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = bounded.read(buffer)) > 0) {
                head.write(buffer, 0, n);
                if (head.size() > IN_MEMORY_BYTES) {
                    return new SpooledBody(null, spool(head, bounded, buffer));
                }
            }
            return new SpooledBody(head.toByteArray(), null);
        }
    }

    private static Path spool(ByteArrayOutputStream head, InputStream rest, byte[] buffer) throws IOException {
        Path file = Files.createTempFile("muster-import-", ".json");
        try (OutputStream out = Files.newOutputStream(file)) {
            head.writeTo(out);
            int n;
            while ((n = rest.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    @Override
    public JsonParser open() throws IOException {
        return file == null ? Json.MAPPER.createParser(bytes) : Json.MAPPER.createParser(Files.newInputStream(file));
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
