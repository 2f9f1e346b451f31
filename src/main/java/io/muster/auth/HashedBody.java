package io.muster.auth;

import io.muster.api.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A request body read once for its SHA-256 (which a SigV4 signature covers) and kept for the resource:
 * in memory up to {@link #IN_MEMORY_BYTES}, beyond that in a temporary file that is unlinked as soon as it
 * is reopened, so a 100 MB import signed with SigV4 never sits in the heap.
 */
record HashedBody(String sha256Hex, InputStream replay) {

    static final int IN_MEMORY_BYTES = 1024 * 1024;

    static HashedBody read(InputStream in) {
        MessageDigest digest = sha256();
        if (in == null) {
            return new HashedBody(HexFormat.of().formatHex(digest.digest()), new ByteArrayInputStream(new byte[0]));
        }
        try (in) {
            ByteArrayOutputStream memory = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                memory.write(buffer, 0, n);
                if (memory.size() > IN_MEMORY_BYTES) {
                    return spool(memory, in, digest, buffer);
                }
            }
            return new HashedBody(HexFormat.of().formatHex(digest.digest()), new ByteArrayInputStream(memory.toByteArray()));
        } catch (IOException e) {
            throw ApiException.invalidInput("Request body could not be read: " + e.getMessage());
        }
    }

    private static HashedBody spool(ByteArrayOutputStream head, InputStream rest, MessageDigest digest, byte[] buffer)
            throws IOException {
        Path file = Files.createTempFile("muster-body-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                head.writeTo(out);
                int n;
                while ((n = rest.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            InputStream replay = Files.newInputStream(file);
            return new HashedBody(HexFormat.of().formatHex(digest.digest()), replay);
        } finally {
            // the open stream keeps the data; the name goes now, so nothing is left behind whatever happens next
            Files.deleteIfExists(file);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
