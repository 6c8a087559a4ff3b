package org.lodestone.workflow.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of stored files. */
public final class FileHashes {
    private FileHashes() {
    }

    public record Hashed(Path path, String sha256, long size) {
    }

    public static Hashed hash(Path f) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            long n = 0;
            for (int r; (r = in.read(buf)) > 0; ) n += r;
            return new Hashed(f.toAbsolutePath(), HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()), n);
        } catch (IOException e) {
            throw new StoreException("cannot read " + f + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
