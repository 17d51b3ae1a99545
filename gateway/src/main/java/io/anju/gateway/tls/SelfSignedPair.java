package io.anju.gateway.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A certificate and its private key generated in memory (BouncyCastle), for tests and {@code --tls-self-signed}
 * demos: self-signed (a CA of its own), or issued by another pair to make device certificates for mutual TLS.
 */
public final class SelfSignedPair {
    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private SelfSignedPair(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** A self-signed CA-capable certificate with subject CN {@code commonName} and SAN localhost/127.0.0.1. */
    public static SelfSignedPair generate(String commonName) {
        KeyPair keys = newKeys();
        return new SelfSignedPair(build(commonName, keys, commonName, keys.getPrivate(), true), keys.getPrivate());
    }

    /** A certificate with subject CN {@code commonName} issued by {@code issuer} (e.g. a device certificate). */
    public SelfSignedPair issue(String commonName) {
        KeyPair keys = newKeys();
        String issuerCn = PeerCertificates.commonName(certificate).orElseThrow();
        return new SelfSignedPair(build(commonName, keys, issuerCn, privateKey, false), keys.getPrivate());
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as PKCS#8 PEM, the form Netty's {@code SslContextBuilder} reads. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** Writes {@code <name>.crt} and {@code <name>.key} into {@code dir}. */
    public PemFiles write(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path cert = dir.resolve(name + ".crt");
            Path key = dir.resolve(name + ".key");
            Files.writeString(cert, certificatePem(), StandardCharsets.US_ASCII);
            Files.writeString(key, privateKeyPem(), StandardCharsets.US_ASCII);
            return new PemFiles(cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write certificate pair to " + dir, e);
        }
    }

    /** Paths of a written pair. */
    public record PemFiles(Path certificate, Path privateKey) {
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(256, new SecureRandom());
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC key generation unavailable", e);
        }
    }

    private static X509Certificate build(String subjectCn, KeyPair subjectKeys, String issuerCn, PrivateKey issuerKey, boolean ca) {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                new X500Name("CN=" + issuerCn),
                new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(365))),
                new X500Name("CN=" + subjectCn),
                subjectKeys.getPublic());
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build certificate for CN=" + subjectCn, e);
        }
    }
}
