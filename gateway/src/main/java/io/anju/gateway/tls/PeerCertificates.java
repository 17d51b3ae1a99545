package io.anju.gateway.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** The device identity a verified client certificate carries (mutual TLS): its subject CN. */
public final class PeerCertificates {

    private PeerCertificates() {
    }

    /** The CN of the verified peer certificate of a TLS channel; empty for plain TCP or no client certificate. */
    public static Optional<String> commonName(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate x509)) {
                return Optional.empty();
            }
            return commonName(x509);
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
