package io.anju.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Turns valid MQTT packets into nearly valid ones, from a seed, so that a failure can be replayed: bit flips, bytes set
 * to the values parsers trip on, a remaining length or string length made wrong, cut, repeated or spliced bytes. Most
 * mutants keep the fixed header's shape, so they get past the first byte into the decoders' deeper paths.
 */
final class PacketMutator {
    private static final byte[] INTERESTING = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, 0x3F, 0x40};

    private final Random random;
    private final List<byte[]> seeds;

    PacketMutator(long seed, List<byte[]> seeds) {
        this.random = new Random(seed);
        this.seeds = seeds;
    }

    Random random() {
        return random;
    }

    /** A valid seed packet, unchanged. */
    byte[] seed() {
        return seeds.get(random.nextInt(seeds.size())).clone();
    }

    /** A mutant of a random seed, one to four mutations deep. */
    byte[] mutant() {
        return mutate(seed());
    }

    byte[] mutate(byte[] packet) {
        byte[] p = packet;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            p = once(p);
        }
        return p;
    }

    private byte[] once(byte[] p) {
        if (p.length == 0) {
            return new byte[]{(byte) random.nextInt(256)};
        }
        return switch (random.nextInt(10)) {
            case 0 -> flipBit(p);
            case 1 -> setInteresting(p);
            case 2 -> setRandomByte(p);
            case 3 -> wrongRemainingLength(p);
            case 4 -> truncate(p);
            case 5 -> insertRandom(p);
            case 6 -> duplicateRange(p);
            case 7 -> splice(p, seed());
            case 8 -> wrongLengthPrefix(p);
            default -> hugeVarint(p);
        };
    }

    private byte[] flipBit(byte[] p) {
        byte[] q = p.clone();
        int i = random.nextInt(q.length);
        q[i] ^= (byte) (1 << random.nextInt(8));
        return q;
    }

    private byte[] setInteresting(byte[] p) {
        byte[] q = p.clone();
        q[random.nextInt(q.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
        return q;
    }

    private byte[] setRandomByte(byte[] p) {
        byte[] q = p.clone();
        q[random.nextInt(q.length)] = (byte) random.nextInt(256);
        return q;
    }

    /** The fixed header's remaining length (byte 1, when one byte long) off by a little or a lot. */
    private byte[] wrongRemainingLength(byte[] p) {
        if (p.length < 2) {
            return p;
        }
        byte[] q = p.clone();
        int delta = random.nextBoolean() ? random.nextInt(5) - 2 : random.nextInt(128);
        q[1] = (byte) Math.max(0, Math.min(127, (q[1] & 0x7F) + delta));
        return q;
    }

    private byte[] truncate(byte[] p) {
        return Arrays.copyOf(p, random.nextInt(p.length));
    }

    private byte[] insertRandom(byte[] p) {
        int at = random.nextInt(p.length + 1);
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        return concat(Arrays.copyOf(p, at), extra, Arrays.copyOfRange(p, at, p.length));
    }

    private byte[] duplicateRange(byte[] p) {
        int from = random.nextInt(p.length);
        int to = Math.min(p.length, from + 1 + random.nextInt(32));
        byte[] range = Arrays.copyOfRange(p, from, to);
        return concat(Arrays.copyOf(p, to), range, Arrays.copyOfRange(p, to, p.length));
    }

    /** The head of one packet on the tail of another. */
    private byte[] splice(byte[] p, byte[] other) {
        int cut = random.nextInt(p.length);
        int from = other.length == 0 ? 0 : random.nextInt(other.length);
        return concat(Arrays.copyOf(p, cut), Arrays.copyOfRange(other, from, other.length));
    }

    /** A two-byte big-endian length somewhere in the body (a string's, a property block's) made wrong. */
    private byte[] wrongLengthPrefix(byte[] p) {
        if (p.length < 4) {
            return p;
        }
        byte[] q = p.clone();
        int at = 2 + random.nextInt(q.length - 3);
        int value = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 0xFFFF;
            case 2 -> q.length;
            default -> random.nextInt(0x10000);
        };
        q[at] = (byte) (value >> 8);
        q[at + 1] = (byte) value;
        return q;
    }

    /** A variable byte integer (a remaining length, a property length) as long as the format allows, or longer. */
    private byte[] hugeVarint(byte[] p) {
        int at = p.length < 2 ? p.length : 1 + random.nextInt(p.length - 1);
        int digits = 4 + random.nextInt(2);
        byte[] varint = new byte[digits];
        Arrays.fill(varint, (byte) 0xFF);
        varint[digits - 1] = (byte) random.nextInt(0x80);
        return concat(Arrays.copyOf(p, at), varint, Arrays.copyOfRange(p, Math.min(p.length, at + 1), p.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }
}
