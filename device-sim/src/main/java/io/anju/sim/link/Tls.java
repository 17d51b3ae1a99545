package io.anju.sim.link;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/** Socket factories for {@code --tls}: the JVM's trust store, or only the CA certificate(s) in a PEM file. */
public final class Tls {
    private Tls() {
    }

    public static SSLSocketFactory socketFactory(Path caPem) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caPem == null) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(caPem)) {
                    int i = 0;
                    for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, cert);
                    }
                    if (i == 0) {
                        throw new IllegalArgumentException("--ca: no certificate in " + caPem);
                    }
                }
                tmf.init(store);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--ca: cannot use " + caPem + ": " + e.getMessage(), e);
        }
    }
}
