package io.anju.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Raw MQTT packets as bytes, written field by field so that tests do not depend on Netty's encoder.
 * Versions: 4 = MQTT 3.1.1, 5 = MQTT 5.0 (adds properties: none, unless a method takes {@link Properties}).
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
        return connect(version, clientId, username, password, keepAliveSeconds, willTopic, willMessage,
                Properties.none(), Properties.none());
    }

    /** MQTT 5 CONNECT with CONNECT properties (and no Will). */
    public static byte[] connect5(String clientId, String username, String password, Properties properties) {
        return connect(V5, clientId, username, password, 60, null, null, properties, Properties.none());
    }

    /** MQTT 5 CONNECT with a Will that has {@code willProperties}. */
    public static byte[] connect5(String clientId, String username, String password, String willTopic, byte[] willMessage,
                                  Properties willProperties) {
        return connect(V5, clientId, username, password, 60, willTopic, willMessage, Properties.none(), willProperties);
    }

    private static byte[] connect(int version, String clientId, String username, String password, int keepAliveSeconds,
                                  String willTopic, byte[] willMessage, Properties properties, Properties willProperties) {
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
            body.raw(properties.bytes());          // property length and properties
        }
        body.string(clientId);                     // client identifier
        if (willTopic != null) {
            if (version == V5) {
                body.raw(willProperties.bytes());  // will property length and properties
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
        return publish(version, topic, qos, packetId, payload, dup, Properties.none());
    }

    /** MQTT 5 PUBLISH with properties. */
    public static byte[] publish5(String topic, int qos, int packetId, byte[] payload, Properties properties) {
        return publish(V5, topic, qos, packetId, payload, false, properties);
    }

    private static byte[] publish(int version, String topic, int qos, int packetId, byte[] payload, boolean dup,
                                  Properties properties) {
        Bytes body = new Bytes();
        body.string(topic);                        // topic name
        if (qos > 0) {
            body.u16(packetId);                    // packet identifier
        }
        if (version == V5) {
            body.raw(properties.bytes());          // property length and properties
        }
        body.raw(payload);                         // payload, up to the end of the packet
        return packet(0x30 | (dup ? 0x08 : 0) | qos << 1, body); // PUBLISH, DUP flag, QoS bits
    }

    /** SUBSCRIBE to one filter at the given QoS. */
    public static byte[] subscribe(int version, int packetId, String filter, int qos) {
        return subscribe(version, packetId, List.of(filter), qos, Properties.none());
    }

    /** SUBSCRIBE to every filter at the given QoS, with properties on MQTT 5. */
    public static byte[] subscribe(int version, int packetId, List<String> filters, int qos, Properties properties) {
        Bytes body = new Bytes();
        body.u16(packetId);                        // packet identifier
        if (version == V5) {
            body.raw(properties.bytes());          // property length and properties
        }
        for (String filter : filters) {
            body.string(filter);                   // topic filter
            body.u8(qos);                          // requested QoS / subscription options
        }
        return packet(0x82, body);                 // SUBSCRIBE (reserved flags 0010)
    }

    /** UNSUBSCRIBE from every filter, with properties on MQTT 5. */
    public static byte[] unsubscribe(int version, int packetId, List<String> filters, Properties properties) {
        Bytes body = new Bytes();
        body.u16(packetId);                        // packet identifier
        if (version == V5) {
            body.raw(properties.bytes());          // property length and properties
        }
        for (String filter : filters) {
            body.string(filter);                   // topic filter
        }
        return packet(0xA2, body);                 // UNSUBSCRIBE (reserved flags 0010)
    }

    /** An MQTT 5 PUBACK (0x40), PUBREC (0x50), PUBREL (0x62) or PUBCOMP (0x70) with a reason code and properties. */
    public static byte[] pubReply5(int firstByte, int packetId, int reason, Properties properties) {
        Bytes body = new Bytes();
        body.u16(packetId);                        // packet identifier
        body.u8(reason);                           // reason code
        body.raw(properties.bytes());              // property length and properties
        return packet(firstByte, body);
    }

    /** An MQTT 5 DISCONNECT (0xE0) or AUTH (0xF0) with a reason code and properties. */
    public static byte[] reasonAndProperties5(int firstByte, int reason, Properties properties) {
        Bytes body = new Bytes();
        body.u8(reason);                           // reason code
        body.raw(properties.bytes());              // property length and properties
        return packet(firstByte, body);
    }

    /** Just a fixed header: packet type and flags, and the remaining length it announces (no body follows). */
    public static byte[] fixedHeader(int firstByte, int remainingLength) {
        Bytes out = new Bytes();
        out.u8(firstByte);
        out.varInt(remainingLength);               // remaining length
        return out.toByteArray();
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

    /** Concatenates packets, as one read from the socket. */
    public static byte[] together(byte[]... packets) {
        Bytes out = new Bytes();
        for (byte[] p : packets) {
            out.raw(p);
        }
        return out.toByteArray();
    }

    /** MQTT 5 properties, written with their length in front. */
    public static final class Properties {
        private final Bytes props = new Bytes();

        public static Properties none() {
            return new Properties();
        }

        public Properties receiveMaximum(int value) {
            props.u8(0x21);                        // Receive Maximum
            props.u16(value);
            return this;
        }

        public Properties maximumPacketSize(int value) {
            props.u8(0x27);                        // Maximum Packet Size
            props.u16(value >>> 16);
            props.u16(value & 0xFFFF);
            return this;
        }

        /** {@code count} user properties {@code k}={@code v}. */
        public Properties userProperties(int count) {
            for (int i = 0; i < count; i++) {
                props.u8(0x26);                    // User Property
                props.string("k");
                props.string("v");
            }
            return this;
        }

        byte[] bytes() {
            Bytes out = new Bytes();
            out.varInt(props.size());              // property length
            out.raw(props.toByteArray());
            return out.toByteArray();
        }
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
