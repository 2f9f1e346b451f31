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
                        + "(loopback, link-local, private or cloud metadata); allow it with muster.outbound.allowed-private-targets "
                        + "if that is intended";
            }
        }
        return null;
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8
            return first == 100 && second >= 64 && second < 128 || first == 0;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local (incl. the fd00:ec2::254 metadata address), IPv4-mapped internal addresses
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
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
