package io.muster.outbound;

import io.muster.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Keeps webhooks from reaching inside the network Muster runs in (server-side request forgery): a URL whose
 * host resolves to a loopback, link-local, private, unique-local or cloud metadata address is refused unless
 * the operator allow-lists that host or network ({@code muster.outbound.allowed-private-targets}). Checked
 * when a target is saved and again before every request, since DNS answers change.
 */
@ApplicationScoped
public class AddressGuard {

    @Inject
    OutboundConfig config;

    /** The URL as a URI if webhooks may call it; InvalidInputException saying why not. */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidInput("Url '" + url + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw ApiException.invalidInput("Url '" + url + "' must be an http:// or https:// URL with a host");
        }
        if (uri.getUserInfo() != null) {
            throw ApiException.invalidInput("Url must not carry credentials; send them in Headers instead");
        }
        String refusal = refusal(uri.getHost());
        if (refusal != null) {
            throw ApiException.invalidInput(refusal);
        }
        return uri;
    }

    /** Why a host may not be called now, or null when it may. */
    public String refusal(String host) {
        if (allowListed(host, null)) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "Host '" + host + "' does not resolve";
        }
        for (InetAddress address : addresses) {
            if (internal(address) && !allowListed(host, address)) {
                return "Host '" + host + "' resolves to " + address.getHostAddress() + ", an address inside the network Muster runs in "
                        + "(loopback, link-local, private, reserved or cloud metadata: IANA's special-purpose registries); allow it with muster.outbound.allowed-private-targets "
                        + "if that is intended";
            }
        }
        return null;
    }

    /**
     * Networks a webhook may not reach: every block of the IANA IPv4 and IPv6 special-purpose address registries
     * that is not globally reachable (private, loopback, link-local, shared, benchmarking, documentation,
     * reserved, multicast, broadcast), cloud hosts' own service addresses (Azure's 168.63.129.16; AWS's
     * metadata service is link-local, fd00:ec2::254 unique-local), and the IPv6 forms that carry an IPv4
     * address inside them (NAT64, 6to4, Teredo) — those whose embedded address cannot be trusted are refused whole.
     */
    private static final List<String> INTERNAL_NETWORKS = List.of(
            // IPv4 special-purpose registry (RFC 6890 and its updates)
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24",
            "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
            "168.63.129.16/32",
            // IPv6 special-purpose registry
            "::/128", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "2002::/16",
            "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    static boolean internal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && embedsIpv4(bytes)) {
            // ::a.b.c.d (compatible), ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated): the IPv4 address decides
            try {
                return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        for (String network : INTERNAL_NETWORKS) {
            if (matches(network, address)) {
                return true;
            }
        }
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress();
    }

    /** The first 80 bits zero, then 0000 or ffff (then, for the translated form, ffff:0000). */
    private static boolean embedsIpv4(byte[] bytes) {
        for (int i = 0; i < 8; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        int word5 = ((bytes[8] & 0xff) << 8) | (bytes[9] & 0xff);
        int word6 = ((bytes[10] & 0xff) << 8) | (bytes[11] & 0xff);
        boolean compatible = word5 == 0 && word6 == 0 && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && (bytes[15] == 0 || bytes[15] == 1));
        boolean mapped = word5 == 0 && word6 == 0xffff;
        boolean translated = word5 == 0xffff && word6 == 0;
        return compatible || mapped || translated;
    }

    private boolean allowListed(String host, InetAddress address) {
        List<String> allowed = config.allowedPrivateTargets().orElse(List.of());
        for (String entry : allowed) {
            String item = entry.trim();
            if (item.equalsIgnoreCase(host)) {
                return true;
            }
            if (address != null && matches(item, address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String cidrOrAddress, InetAddress address) {
        try {
            String[] parts = cidrOrAddress.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] candidate = address.getAddress();
            if (network.length != candidate.length) {
                return false;
            }
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
            for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((network[i] & mask) != (candidate[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
