package io.anju.gateway.tls;

import io.anju.gateway.config.GatewayConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the server {@link SslContext} of the MQTT-over-TLS listener from configuration: PEM certificate and key,
 * optionally a client CA for mutual TLS (client certificates optional, so password devices still connect).
 */
public final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    public static SslContext server(GatewayConfig config) {
        if (config.mqttTlsSelfSigned()) {
            LOG.warn("TLS listener uses a freshly generated self-signed certificate: for demos only");
            SelfSignedPair pair = SelfSignedPair.generate("anju-gateway");
            return build(SslContextBuilder.forServer(pair.privateKey(), pair.certificate()), config.mqttTlsClientCaFile());
        }
        File cert = readable("mqtt.tls.certFile", config.mqttTlsCertFile());
        File key = readable("mqtt.tls.keyFile", config.mqttTlsKeyFile());
        return build(SslContextBuilder.forServer(cert, key), config.mqttTlsClientCaFile());
    }

    private static SslContext build(SslContextBuilder builder, String clientCaFile) {
        if (!clientCaFile.isEmpty()) {
            builder.trustManager(readable("mqtt.tls.clientCaFile", clientCaFile)).clientAuth(ClientAuth.OPTIONAL);
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS settings (mqtt.tls.*) unusable: " + e.getMessage(), e);
        }
    }

    private static File readable(String setting, String path) {
        Path p = Path.of(path);
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("setting " + setting + ": cannot read " + p.toAbsolutePath());
        }
        return p.toFile();
    }
}
