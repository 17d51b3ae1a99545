package io.anju.gateway.tls;

import io.anju.gateway.config.GatewayConfig;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsContextsTest {

    @Test
    void server_whenPemPairWritten_thenContextBuilds(@TempDir Path dir) {
        SelfSignedPair.PemFiles files = SelfSignedPair.generate("gw-test").write(dir, "server");
        SelfSignedPair.PemFiles ca = SelfSignedPair.generate("vendor-ca").write(dir, "ca");
        GatewayConfig config = GatewayConfig.of(Map.of("mqtt.tls.enabled", "true",
                "mqtt.tls.certFile", files.certificate().toString(), "mqtt.tls.keyFile", files.privateKey().toString(),
                "mqtt.tls.clientCaFile", ca.certificate().toString()));
        SslContext ctx = TlsContexts.server(config);
        assertThat(ctx.isServer()).isTrue();
    }

    @Test
    void server_whenCertificateFileMissing_thenErrorNamesSetting(@TempDir Path dir) {
        GatewayConfig config = GatewayConfig.of(Map.of("mqtt.tls.enabled", "true",
                "mqtt.tls.certFile", dir.resolve("none.crt").toString(), "mqtt.tls.keyFile", dir.resolve("none.key").toString()));
        assertThatThrownBy(() -> TlsContexts.server(config)).hasMessageContaining("mqtt.tls.certFile");
    }

    @Test
    void issuedCertificate_carriesDeviceIdAsCommonName_andIsSignedByIssuer() throws Exception {
        SelfSignedPair ca = SelfSignedPair.generate("vendor-ca");
        SelfSignedPair device = ca.issue("chg-0001");
        assertThat(PeerCertificates.commonName(device.certificate())).contains("chg-0001");
        device.certificate().verify(ca.certificate().getPublicKey());
        assertThat(device.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(device.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    }
}
