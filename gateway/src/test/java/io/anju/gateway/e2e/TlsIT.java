package io.anju.gateway.e2e;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.common.topic.Topics;
import io.anju.gateway.tls.SelfSignedPair;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The TLS listener with a PEM pair from files: clients that trust the gateway's certificate connect and their
 * messages reach Kafka; a client that trusts another CA cannot even complete the handshake.
 */
class TlsIT {
    private static final long TS = 1_764_378_000_000L;

    @TempDir
    static Path dir;
    private static SelfSignedPair gatewayPair;
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        gatewayPair = SelfSignedPair.generate("anju-gateway-e2e");
        SelfSignedPair.PemFiles pem = gatewayPair.write(dir, "gateway");
        gateway = GatewayFixture.prepare(dir, 4).start(Map.of(
                "mqtt.tls.enabled", "true",
                "mqtt.tls.certFile", pem.certificate().toString(),
                "mqtt.tls.keyFile", pem.privateKey().toString()));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String tlsUri() {
        return "ssl://127.0.0.1:" + gateway.node().server().tlsPort();
    }

    @Test
    void clientsTrustingTheGatewayCertificate_connectOverTls_andTheirMessagesReachKafka() throws Exception {
        String v3Device = GatewayFixture.loadDevice(1);
        String v5Device = GatewayFixture.loadDevice(2);
        try (MqttClient v3 = new MqttClient(tlsUri(), v3Device, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
            MqttConnectOptions o = DeviceClients.v3(v3Device, gateway.secret(v3Device));
            o.setSocketFactory(trusting(gatewayPair.certificate()).getSocketFactory());
            v3.connect(o);
            v3.publish(MqttTopics.telemetry(DeviceType.CHARGER, v3Device),
                    DeviceClients.bytes(DeviceClients.chargerTelemetry(TS, 1)), 1, false);
            v3.disconnect();
        }
        MqttAsyncClient v5 = new MqttAsyncClient(tlsUri(), v5Device, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        try {
            MqttConnectionOptions o = DeviceClients.v5(v5Device, gateway.secret(v5Device));
            o.setSocketFactory(trusting(gatewayPair.certificate()).getSocketFactory());
            v5.connect(o).waitForCompletion(DeviceClients.WAIT_MS);
            int reason = DeviceClients.reasonCode(v5.publish(MqttTopics.telemetry(DeviceType.CHARGER, v5Device),
                    new MqttMessage(DeviceClients.bytes(DeviceClients.chargerTelemetry(TS, 1)), 1, false, null)));
            assertThat(reason).isZero();
            v5.disconnect().waitForCompletion(DeviceClients.WAIT_MS);
        } finally {
            v5.close(true);
        }

        assertThat(Envelopes.read(gateway.kafka(), Topics.telemetry(DeviceType.CHARGER)))
                .extracting(r -> r.value().path("deviceId").asText(), r -> r.value().path("seq").asLong())
                .contains(tuple(v3Device, 1L), tuple(v5Device, 1L));
    }

    @Test
    void clientsTrustingAnotherCa_failTheHandshake_andSendNothing() throws Exception {
        // Same subject as the gateway's certificate: only the signature tells the impostor CA apart.
        SelfSignedPair otherCa = SelfSignedPair.generate("anju-gateway-e2e");
        String v3Device = GatewayFixture.loadDevice(3);
        String v5Device = GatewayFixture.loadDevice(4);
        try (MqttClient v3 = new MqttClient(tlsUri(), v3Device, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
            MqttConnectOptions o = DeviceClients.v3(v3Device, gateway.secret(v3Device));
            o.setSocketFactory(trusting(otherCa.certificate()).getSocketFactory());
            assertThatThrownBy(() -> v3.connect(o)).isInstanceOf(MqttException.class)
                    .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            assertThat(v3.isConnected()).isFalse();
        }
        MqttAsyncClient v5 = new MqttAsyncClient(tlsUri(), v5Device, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        try {
            MqttConnectionOptions o = DeviceClients.v5(v5Device, gateway.secret(v5Device));
            o.setSocketFactory(trusting(otherCa.certificate()).getSocketFactory());
            assertThatThrownBy(() -> v5.connect(o).waitForCompletion(DeviceClients.WAIT_MS))
                    .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
            assertThat(v5.isConnected()).isFalse();
        } finally {
            v5.close(true);
        }
        assertThat(gateway.node().server().sessions().session(v3Device)).isEmpty();
        assertThat(gateway.node().server().sessions().session(v5Device)).isEmpty();
    }

    /** A TLS context whose only trust anchor is {@code certificate}. */
    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("anchor", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
