package io.muster.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which addresses a webhook may reach: none of the IANA special-purpose blocks that are not globally
 * reachable, in either family or in the IPv6 forms that carry an IPv4 address; every public address.
 */
class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "168.63.129.16", "192.0.0.8", "198.18.0.1", "198.19.255.255", "240.0.0.1", "255.255.255.255", "224.0.0.251",
        "192.0.2.10", "203.0.113.9", "::1", "::", "fe80::1", "fd00:ec2::254", "fc00::1", "64:ff9b::7f00:1", "64:ff9b::808:808",
        "2002:7f00:1::", "2002:808:808::", "2001:0::1", "2001:db8::1", "::127.0.0.1", "::ffff:127.0.0.1", "::ffff:0:7f00:1",
        "::ffff:10.0.0.1", "ff02::1"})
    void specialPurposeAddressesAreRefused(String address) throws Exception {
        assertThat(AddressGuard.internal(InetAddress.getByName(address))).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "52.94.236.248", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e",
        "::ffff:8.8.8.8"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(AddressGuard.internal(InetAddress.getByName(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999", "9223372036854775808", "86401", "999999999"})
    void aRetryAfterBeyondADayWaitsADay(String value) {
        assertThat(WebhookSender.retryAfter(value)).isEqualTo(WebhookSender.MAX_RETRY_AFTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "soon", "1e9"})
    void anUnreadableRetryAfterIsIgnored(String value) {
        assertThat(WebhookSender.retryAfter(value)).isNull();
    }

    @org.junit.jupiter.api.Test
    void aReadableRetryAfterIsKept() {
        assertThat(WebhookSender.retryAfter("120")).isEqualTo(Duration.ofMinutes(2));
        assertThat(WebhookSender.retryAfter("0")).isEqualTo(Duration.ZERO);
    }
}
