package io.anju.gateway.protect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list of IP address ranges written as {@code 10.0.0.0/8,192.168.1.7,::1/128}: addresses with an optional prefix
 * length. Only literal addresses are accepted (a host name would mean a DNS lookup at start and a list that changes
 * under the operator).
 */
public final class AddressRanges {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses a comma-separated list (empty = no addresses); throws {@link IllegalArgumentException} saying what is wrong. */
    public static AddressRanges parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.trim();
            if (!item.isEmpty()) {
                ranges.add(range(item));
            }
        }
        return new AddressRanges(ranges);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    private static Range range(String item) {
        int slash = item.indexOf('/');
        String literal = slash < 0 ? item : item.substring(0, slash);
        if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
            throw new IllegalArgumentException("'" + item + "' is not an IP address or address/prefix");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(literal).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + item + "' is not an IP address", e);
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(item.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + item + "': the prefix length must be 0-" + bits);
            }
        }
        return new Range(address, prefix);
    }

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
