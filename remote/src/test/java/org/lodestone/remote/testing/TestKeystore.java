package org.lodestone.remote.testing;

import org.lodestone.remote.tls.TlsKeystore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;

/**
 * A server keystore made by the JDK's keytool for the test (EC P-256, certificate for 127.0.0.1,
 * valid two days), its password in a file, and a client SSLContext that trusts exactly that
 * certificate.
 */
public record TestKeystore(TlsKeystore keystore, SSLContext clientContext, Certificate certificate) {

    public static TestKeystore create(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path ks = dir.resolve("server.p12");
        Path pw = dir.resolve("server.pass");
        String password = "test-" + Long.toHexString(System.nanoTime());
        Files.writeString(pw, password + "\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool failed: " + output);
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            server.load(in, password.toCharArray());
        }
        Certificate cert = server.getCertificate("server");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return new TestKeystore(new TlsKeystore(ks, pw), ctx, cert);
    }
}
