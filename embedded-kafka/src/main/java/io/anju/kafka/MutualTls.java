package io.anju.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TLS on the embedded broker's client listener with client certificates required (mutual TLS), from PEM text: the
 * broker's certificate chain and PKCS#8 key, and the CA certificates it trusts for clients (and for itself). Its own
 * certificate, issued by that CA, is also the identity its admin client (readiness, topic creation) presents.
 *
 * @param certificateChain the broker's certificate chain (PEM); its SAN must name 127.0.0.1
 * @param privateKey       the broker's private key (unencrypted PKCS#8 PEM)
 * @param trustedCas       the CA certificates a client certificate must chain to (PEM)
 */
public record MutualTls(String certificateChain, String privateKey, String trustedCas) {
    static final String LISTENER = "SSL";

    Map<String, String> brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>(identity(certificateChain, privateKey));
        p.put("ssl.client.auth", "required");
        return p;
    }

    /** What a client presenting the broker's own certificate needs besides {@code bootstrap.servers}. */
    Map<String, String> clientProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", LISTENER);
        p.putAll(identity(certificateChain, privateKey));
        return p;
    }

    private Map<String, String> identity(String chain, String key) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ssl.keystore.type", "PEM");
        p.put("ssl.keystore.certificate.chain", chain);
        p.put("ssl.keystore.key", key);
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.certificates", trustedCas);
        return p;
    }
}
