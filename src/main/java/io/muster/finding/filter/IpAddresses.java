package io.muster.finding.filter;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP addresses as fixed-width lower-case hex (8 digits for IPv4, 32 for IPv6), so that a CIDR network is
 * a range of strings — the same comparison in SQL (byte-wise collation) and in memory. Only literals are
 * parsed: nothing here ever looks a name up in DNS.
 */
public final class IpAddresses {

    /** A network as the first and last address, in hex. */
    public record Range(String first, String last) {

        public boolean contains(String address) {
            return address.length() == first.length() && address.compareTo(first) >= 0 && address.compareTo(last) <= 0;
        }
    }

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private IpAddresses() {
    }

    /** The hex form of an address of the given family (4 or 6), or null when the text is not one. */
    public static String hex(String text, int family) {
        byte[] bytes = bytes(text == null ? "" : text.trim(), family);
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    /** A CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare address is a /32 or /128), or null. */
    public static Range range(String cidr, int family) {
        String text = cidr == null ? "" : cidr.trim();
        int slash = text.indexOf('/');
        byte[] bytes = bytes(slash < 0 ? text : text.substring(0, slash), family);
        if (bytes == null) {
            return null;
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > bits) {
                return null;
            }
        }
        BigInteger address = new BigInteger(1, bytes);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = address.andNot(hostMask);
        BigInteger last = first.or(hostMask);
        return new Range(pad(first, bytes.length * 2), pad(last, bytes.length * 2));
    }

    private static String pad(BigInteger value, int digits) {
        String hex = value.toString(16);
        return "0".repeat(digits - hex.length()) + hex;
    }

    private static byte[] bytes(String text, int family) {
        if (family == 4) {
            Matcher m = IPV4.matcher(text);
            if (!m.matches()) {
                return null;
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+")) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(text.contains("%") ? text.substring(0, text.indexOf('%')) : text);
            return address instanceof Inet6Address ? address.getAddress() : null;
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
