package io.muster.auth;

import io.muster.MusterConfig;
import io.muster.db.Database;
import io.muster.db.DatabaseKind;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Encrypts the secrets Muster must be able to read back (SigV4 secret access keys) with AES-256-GCM. The
 * key comes from {@code muster.auth.encryption-key}; on the embedded database without one, Muster keeps a
 * generated key in {@code muster.data-dir/encryption.key} (owner-only permissions). On PostgreSQL the key
 * must be configured, so that every replica shares it.
 */
@ApplicationScoped
public class SecretCipher {

    private static final Logger LOG = Logger.getLogger(SecretCipher.class);
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;

    @Inject
    AuthConfig config;

    @Inject
    MusterConfig muster;

    @Inject
    Database database;

    private SecretKeySpec key;

    @PostConstruct
    void loadKey() {
        byte[] bytes = config.encryptionKey().map(SecretCipher::decodeKey).orElseGet(this::embeddedKey);
        key = new SecretKeySpec(bytes, "AES");
    }

    private static byte[] decodeKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("muster.auth.encryption-key must be base64 (32 random bytes: openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("muster.auth.encryption-key must hold 32 bytes, not " + bytes.length
                    + " (openssl rand -base64 32)");
        }
        return bytes;
    }

    private byte[] embeddedKey() {
        if (database.kind() != DatabaseKind.H2) {
            throw new IllegalStateException("Set muster.auth.encryption-key (env MUSTER_AUTH_ENCRYPTION_KEY, "
                    + "openssl rand -base64 32): on PostgreSQL every replica must encrypt secrets with the same key");
        }
        Path file = Path.of(muster.dataDir(), "encryption.key");
        try {
            if (Files.exists(file)) {
                return decodeKey(Files.readString(file));
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = Secrets.randomBytes(32);
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.debug("The file system has no POSIX permissions; " + file + " keeps its defaults");
            }
            LOG.infof("Created the key that encrypts stored secrets: %s (back it up with the database)", file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("The encryption key " + file + " could not be read or created", e);
        }
    }

    public String encrypt(String plaintext) {
        try {
            byte[] iv = Secrets.randomBytes(IV_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    public String decrypt(String stored) {
        if (!stored.startsWith(VERSION)) {
            throw new IllegalStateException("A stored secret has an unknown format");
        }
        byte[] bytes = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret could not be decrypted: was muster.auth.encryption-key changed?", e);
        }
    }
}
