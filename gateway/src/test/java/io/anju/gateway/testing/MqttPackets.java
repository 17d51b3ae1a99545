package io.anju.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Raw MQTT packets as bytes, written field by field so that tests do not depend on Netty's encoder.
 * Versions: 4 = MQTT 3.1.1, 5 = MQTT 5.0 (adds a property length, always 0 here).
 */
public final class MqttPackets {
    public static final int V311 = 4;
    public static final int V5 = 5;

    private MqttPackets() {
    }

    /** CONNECT with clean session, username and password (both omitted when null). */
    public static byte[] connect(int version, String clientId, String username, String password, int keepAliveSeconds) {
        return connect(version, clientId, username, password, keepAliveSeconds, null, null);
    }

    /** CONNECT with an optional Will (QoS 1, not retained). */
    public static byte[] connect(int version, String clientId, String username, String password, int keepAliveSeconds,
                                 String willTopic, byte[] willMessage) {
        Bytes body = new Bytes();
        body.string("MQTT");                       // protocol name
        body.u8(version);                          // protocol level: 4 = 3.1.1, 5 = 5.0
        int flags = 0x02;                          // clean session
        if (username != null) {
            flags |= 0x80;                         // user name flag
        }
        if (password != null) {
            flags |= 0x40;                         // password flag
        }
        if (willTopic != null) {
            flags |= 0x04 | (1 << 3);              // will flag, will QoS 1
        }
        body.u8(flags);                            // connect flags
        body.u16(keepAliveSeconds);                // keep alive
        if (version == V5) {
            body.u8(0);                            // property length
        }
        body.string(clientId);                     // client identifier
        if (willTopic != null) {
            if (version == V5) {
                body.u8(0);                        // will property length
            }
            body.string(willTopic);                // will topic
            body.binary(willMessage);              // will payload
        }
        if (username != null) {
            body.string(username);                 // user name
        }
        if (password != null) {
            body.string(password);                 // password
        }
        return packet(0x10, body);                 // CONNECT
    }

    /** PUBLISH; {@code packetId} is written only for QoS 1 and 2. */
    public static byte[] publish(int version, String topic, int qos, int packetId, byte[] payload) {
        return publish(version, topic, qos, packetId, payload, false);
    }

    public static byte[] publish(int version, String topic, int qos, int packetId, byte[] payload, boolean dup) {
        Bytes body = new Bytes();
        body.string(topic);                        // topic name
        if (qos > 0) {
            body.u16(packetId);                    // packet identifier
        }
        if (version == V5) {
            body.u8(0);                            // property length
        }
        body.raw(payload);                         // payload, up to the end of the packet
        return packet(0x30 | (dup ? 0x08 : 0) | qos << 1, body); // PUBLISH, DUP flag, QoS bits
    }

    /** SUBSCRIBE to one filter at the given QoS. */
    public static byte[] subscribe(int version, int packetId, String filter, int qos) {
        Bytes body = new Bytes();
        body.u16(packetId);                        // packet identifier
        if (version == V5) {
            body.u8(0);                            // property length
        }
        body.string(filter);                       // topic filter
        body.u8(qos);                              // requested QoS / subscription options
        return packet(0x82, body);                 // SUBSCRIBE (reserved flags 0010)
    }

    public static byte[] pubRel(int packetId) {
        Bytes body = new Bytes();
        body.u16(packetId);                        // packet identifier
        return packet(0x62, body);                 // PUBREL (reserved flags 0010)
    }

    public static byte[] pubAck(int packetId) {
        Bytes body = new Bytes();
        body.u16(packetId);                        // packet identifier
        return packet(0x40, body);                 // PUBACK
    }

    public static byte[] pingReq() {
        return new byte[]{(byte) 0xC0, 0x00};      // PINGREQ, remaining length 0
    }

    public static byte[] disconnect() {
        return new byte[]{(byte) 0xE0, 0x00};      // DISCONNECT, remaining length 0
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] packet(int firstByte, Bytes body) {
        Bytes out = new Bytes();
        out.u8(firstByte);
        out.varInt(body.size());                   // remaining length
        out.raw(body.toByteArray());
        return out.toByteArray();
    }

    /** A little byte writer for MQTT's field types. */
    static final class Bytes extends ByteArrayOutputStream {
        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            write(v >> 8);
            write(v & 0xFF);
        }

        void string(String s) {
            binary(s.getBytes(StandardCharsets.UTF_8));
        }

        void binary(byte[] b) {
            u16(b.length);
            raw(b);
        }

        void raw(byte[] b) {
            write(b, 0, b.length);
        }

        void varInt(int v) {
            do {
                int digit = v % 128;
                v /= 128;
                write(v > 0 ? digit | 0x80 : digit);
            } while (v > 0);
        }
    }
}
