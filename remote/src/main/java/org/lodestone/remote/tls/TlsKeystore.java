package org.lodestone.remote.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;

/**
 * A server's TLS identity: a PKCS#12 (or JKS) keystore with its key and certificate chain, the
 * password read from a file (so it is in no command line, environment or log). {@link #toString}
 * names the file only.
 */
public record TlsKeystore(Path file, Path passwordFile) {

    /**
     * The server-side SSLContext; bad input is an IllegalArgumentException that says which file and
     * what to do (the detail of a GeneralSecurityException names no secret).
     */
    public SSLContext serverContext() {
        char[] password = readPassword();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(file.toString().toLowerCase().endsWith(".jks") ? "JKS" : "PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open the TLS keystore " + file + " (" + e.getMessage()
                    + "): check the file and its password file " + passwordFile);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the TLS keystore " + file + " holds no usable key (" + e.getMessage() + ")");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] readPassword() {
        try {
            String p = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            return p.toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS password file " + passwordFile);
        }
    }

    @Override
    public String toString() {
        return "keystore " + file;
    }
}
