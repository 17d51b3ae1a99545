package io.anju.gateway.mqtt;

import io.anju.gateway.mqtt.connection.MqttLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * In front of the MQTT decoder: reads each packet's fixed header (type, remaining length) as the bytes stream past and
 * refuses a packet announced larger than its limit before any of its body is buffered. Until the connection is
 * authenticated every packet, CONNECT first, may be at most {@code limits.maxConnectBytes}; after, a PUBLISH may be
 * {@code limits.maxPacketBytes} and any other packet {@code limits.maxControlPacketBytes}, which also bounds the
 * property section of an MQTT 5 PUBLISH (read from the start of its body). The decoder materialises all a packet
 * holds (user properties, topic filters) before the protocol handler can count it, so these sizes are what bound that
 * work. Before authentication the bytes are handed on packet by packet, so that a packet sent right behind CONNECT
 * (MQTT allows it) is judged by the limits in force once that CONNECT was handled.
 * A refused packet is reported with an {@link Oversize} event; the protocol handler closes the connection.
 */
final class PacketSizeGuard extends ChannelInboundHandlerAdapter {
    private static final int PUBLISH = 3;
    /** The remaining length takes at most 4 bytes; a longer one is malformed, which the decoder reports. */
    private static final int MAX_LENGTH_BYTES = 4;

    /** What was too large: a whole packet, or the property section of a PUBLISH. */
    enum Part { PACKET, PUBLISH_PROPERTIES }

    /** A packet of {@code type} announced a {@code part} of {@code bytes}, over {@code limit}: nothing more is read. */
    record Oversize(int type, Part part, int bytes, int limit) {
    }

    /** Where the reading of an MQTT 5 PUBLISH's variable header stands, up to its property length. */
    private enum Prefix { NONE, TOPIC_LENGTH_HIGH, TOPIC_LENGTH_LOW, SKIP, PROPERTY_LENGTH }

    private final MqttLimits limits;
    private boolean authenticated;
    private boolean mqtt5;
    private boolean refused;
    /** A malformed header was passed on for the decoder to refuse: nothing more to guard. */
    private boolean passThrough;
    /** Bytes of the current fixed header read so far; 0 at a packet boundary. */
    private int headerBytes;
    private int firstByte;
    private int length;
    /** Body bytes of the current packet still to stream past. */
    private int bodyLeft;
    private Prefix prefix = Prefix.NONE;
    /** Topic and packet id bytes still to skip, then the property length read so far (and its byte count). */
    private int skip;
    private int propertyLength;
    private int propertyLengthBytes;
    /** Set when a PUBLISH's property length has just been read, for the loop to judge it. */
    private boolean propertyLengthRead;

    PacketSizeGuard(MqttLimits limits) {
        this.limits = limits;
    }

    /** The connection authenticated: later packets get the limits of an authenticated connection. */
    void authenticated(boolean isMqtt5) {
        authenticated = true;
        mqtt5 = isMqtt5;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || passThrough) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (refused) {
            in.release();
            return;
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        int from = start; // the first byte not handed on yet
        int i = start;
        while (i < end) {
            if (bodyLeft > 0) {
                i = prefix == Prefix.NONE ? skipBody(i, end) : readPrefix(in, i, end);
                if (propertyLengthRead) {
                    propertyLengthRead = false;
                    if (propertyLength > limits.maxControlPacketBytes()) {
                        in.release();
                        refuse(ctx, Part.PUBLISH_PROPERTIES, propertyLength, limits.maxControlPacketBytes());
                        return;
                    }
                }
            } else if (!readHeaderByte(in.getUnsignedByte(i++))) {
                continue;
            } else if (passThrough) {
                break;
            } else if (length > limit()) {
                in.release();
                refuse(ctx, Part.PACKET, length, limit());
                return;
            } else {
                startBody();
            }
            if (bodyLeft == 0 && headerBytes == 0 && !authenticated) {
                // a whole packet before authentication: hand it on alone, the next is judged after it
                ctx.fireChannelRead(in.retainedSlice(from, i - from));
                from = i;
                if (refused || !ctx.channel().isActive()) {
                    in.release();
                    return;
                }
            }
        }
        handOnRest(ctx, in, start, from, end);
    }

    /** Reads one fixed-header byte; true when the header is complete (or found malformed: {@link #passThrough}). */
    private boolean readHeaderByte(int b) {
        if (headerBytes == 0) {
            firstByte = b;
            length = 0;
            headerBytes = 1;
            return false;
        }
        length |= (b & 0x7F) << (7 * (headerBytes - 1));
        headerBytes++;
        if ((b & 0x80) == 0) {
            headerBytes = 0;
            return true;
        }
        if (headerBytes > MAX_LENGTH_BYTES) {
            passThrough = true;
            return true;
        }
        return false;
    }

    private int type() {
        return firstByte >> 4;
    }

    private int limit() {
        if (!authenticated) {
            return limits.maxConnectBytes();
        }
        return type() == PUBLISH ? limits.maxPacketBytes() : limits.maxControlPacketBytes();
    }

    private void startBody() {
        bodyLeft = length;
        prefix = authenticated && mqtt5 && type() == PUBLISH && length > 0 ? Prefix.TOPIC_LENGTH_HIGH : Prefix.NONE;
    }

    private int skipBody(int i, int end) {
        int n = Math.min(bodyLeft, end - i);
        bodyLeft -= n;
        return i + n;
    }

    /** Reads a PUBLISH's topic length, skips topic and packet id, reads the property length; returns the next index. */
    private int readPrefix(ByteBuf in, int i, int end) {
        if (prefix == Prefix.SKIP) {
            int n = Math.min(Math.min(skip, bodyLeft), end - i);
            skip -= n;
            bodyLeft -= n;
            if (bodyLeft == 0) {
                prefix = Prefix.NONE; // a body shorter than its prefix: malformed, the decoder refuses it
            } else if (skip == 0) {
                prefix = Prefix.PROPERTY_LENGTH;
            }
            return i + n;
        }
        int b = in.getUnsignedByte(i);
        bodyLeft--;
        switch (prefix) {
            case TOPIC_LENGTH_HIGH -> {
                skip = b << 8;
                prefix = Prefix.TOPIC_LENGTH_LOW;
            }
            case TOPIC_LENGTH_LOW -> {
                int qos = firstByte >> 1 & 0x03;
                skip = (skip | b) + (qos > 0 ? 2 : 0); // the topic, then the packet id
                propertyLength = 0;
                propertyLengthBytes = 0;
                prefix = skip > 0 ? Prefix.SKIP : Prefix.PROPERTY_LENGTH;
            }
            default -> { // PROPERTY_LENGTH
                propertyLength |= (b & 0x7F) << (7 * propertyLengthBytes++);
                if ((b & 0x80) == 0 || propertyLengthBytes == MAX_LENGTH_BYTES) {
                    prefix = Prefix.NONE; // known (a malformed one is the decoder's to refuse, or refused here)
                    propertyLengthRead = true;
                }
            }
        }
        if (bodyLeft == 0) {
            prefix = Prefix.NONE; // a body shorter than its prefix: malformed, the decoder refuses it
        }
        return i + 1;
    }

    private void refuse(ChannelHandlerContext ctx, Part part, int bytes, int limit) {
        refused = true;
        ctx.channel().config().setAutoRead(false);
        ctx.fireUserEventTriggered(new Oversize(type(), part, bytes, limit));
    }

    private static void handOnRest(ChannelHandlerContext ctx, ByteBuf in, int start, int from, int end) {
        if (from == start) {
            ctx.fireChannelRead(in);
        } else if (from < end) {
            ctx.fireChannelRead(in.retainedSlice(from, end - from));
            in.release();
        } else {
            in.release();
        }
    }
}
