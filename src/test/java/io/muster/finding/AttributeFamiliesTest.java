package io.muster.finding;

import static io.muster.testing.Asff.finding;
import static io.muster.testing.Asff.importBody;
import static io.muster.testing.Asff.newProductArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.finding.filter.FilterAttribute;
import io.muster.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The attribute families beyond the common ones: IP networks, nested multi-valued values, booleans, sorting. */
@QuarkusTest
class AttributeFamiliesTest {

    private String product;

    @BeforeEach
    void importFixtures() {
        product = newProductArn();
        ObjectNode web = finding(product, "web");
        web.putObject("Network").put("SourceIpV4", "10.1.2.3").put("SourceIpV6", "2001:db8::10").put("DestinationPort", 443)
                .put("Direction", "IN");
        ObjectNode ec2 = web.withArray("Resources").addObject().put("Type", "AwsEc2Instance").put("Id", "i-web")
                .putObject("Details").putObject("AwsEc2Instance").put("ImageId", "ami-1")
                .put("LaunchedAt", "2026-03-01T10:00:00.123456789Z");
        ec2.putArray("IpV4Addresses").add("172.16.0.5").add("10.9.9.9");
        ec2.putArray("IpV6Addresses").add("fd00::5");
        web.putArray("Malware").addObject().put("Name", "EvilCorp").put("Type", "TROJAN");
        web.putArray("Vulnerabilities").addObject().put("Id", "CVE-1").put("FixAvailable", "YES");
        web.put("Sample", true);
        web.putObject("Process").put("Name", "nginx").put("Pid", 80);

        ObjectNode db = finding(product, "db");
        db.putObject("Network").put("SourceIpV4", "192.168.1.20").put("SourceIpV6", "fd00::20").put("DestinationPort", 5432)
                .put("Direction", "OUT");
        db.withArray("Resources").addObject().put("Type", "AwsEc2Instance").put("Id", "i-db").putObject("Details")
                .putObject("AwsEc2Instance").put("ImageId", "ami-2").put("LaunchedAt", "2026-05-01T00:00:00Z");
        db.putArray("Vulnerabilities").addObject().put("Id", "CVE-2").put("FixAvailable", "NO");
        db.put("Sample", false);
        db.putObject("Process").put("Name", "postgres").put("Pid", 5432);
        db.putArray("ThreatIntelIndicators").addObject().put("Type", "DOMAIN").put("Value", "bad.example")
                .put("LastObservedAt", "2026-06-01T00:00:00Z");
        Api.importFindings(importBody(web, db)).statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "IPv4 CIDR                              | \"NetworkSourceIpV4\":[{\"Cidr\":\"10.0.0.0/8\"}]                               | web",
        "IPv4 address without prefix            | \"NetworkSourceIpV4\":[{\"Cidr\":\"192.168.1.20\"}]                             | db",
        "IPv4 CIDRs are ORed                    | \"NetworkSourceIpV4\":[{\"Cidr\":\"10.0.0.0/8\"},{\"Cidr\":\"192.168.0.0/16\"}] | web db",
        "IPv6 CIDR                              | \"NetworkSourceIpV6\":[{\"Cidr\":\"2001:db8::/32\"}]                            | web",
        "IPv6 unique local                      | \"NetworkSourceIpV6\":[{\"Cidr\":\"fc00::/7\"}]                                 | db",
        "any of a resource's IPv4 addresses     | \"ResourceAwsEc2InstanceIpV4Addresses\":[{\"Cidr\":\"10.9.0.0/16\"}]            | web",
        "a resource's IPv6 addresses            | \"ResourceAwsEc2InstanceIpV6Addresses\":[{\"Cidr\":\"fd00::/16\"}]              | web",
        "a nested detail                        | \"ResourceAwsEc2InstanceImageId\":[{\"Value\":\"ami-2\",\"Comparison\":\"EQUALS\"}] | db",
        "a nested multi-valued date             | \"ResourceAwsEc2InstanceLaunchedAt\":[{\"End\":\"2026-04-01T00:00:00Z\"}]      | web",
        "a date on a threat indicator           | \"ThreatIntelIndicatorLastObservedAt\":[{\"Start\":\"2026-05-15T00:00:00Z\"}]   | db",
        "malware                                | \"MalwareName\":[{\"Value\":\"Evil\",\"Comparison\":\"PREFIX\"}]                 | web",
        "vulnerability fix available            | \"VulnerabilitiesFixAvailable\":[{\"Value\":\"YES\",\"Comparison\":\"EQUALS\"}]   | web",
        "a number inside Network                | \"NetworkDestinationPort\":[{\"Eq\":5432}]                                      | db",
        "a number inside Process                | \"ProcessPid\":[{\"Lt\":100}]                                                   | web",
        "the boolean Sample                     | \"Sample\":[{\"Value\":true}]                                                   | web",
        "a string inside Network                | \"NetworkDirection\":[{\"Value\":\"OUT\",\"Comparison\":\"EQUALS\"}]              | db",
    })
    void everyFamilyFilters(String description, String filter, String expected) {
        List<String> ids = Api.getFindings("{\"Filters\":{\"ProductArn\":[{\"Value\":\"" + product + "\",\"Comparison\":\"EQUALS\"}],"
                + filter + "}}").then().statusCode(200).extract().jsonPath().getList("Findings.Id");
        assertThat(ids).as(description).containsExactlyInAnyOrder(expected.trim().split(" "));
    }

    @Test
    void badAddressesAndTheDeprecatedKeywordAreRefused() {
        Api.getFindings("{\"Filters\":{\"NetworkSourceIpV4\":[{\"Cidr\":\"10.0.0.0/33\"}]}}").then().statusCode(400)
                .body("Message", containsString("is not an IPv4 address or CIDR block"));
        Api.getFindings("{\"Filters\":{\"NetworkSourceIpV4\":[{\"Cidr\":\"2001:db8::/32\"}]}}").then().statusCode(400);
        Api.getFindings("{\"Filters\":{\"NetworkSourceIpV6\":[{\"Cidr\":\"10.0.0.1\"}]}}").then().statusCode(400)
                .body("Message", containsString("IPv6"));
        Api.getFindings("{\"Filters\":{\"NetworkSourceIpV4\":[{\"Cidr\":\"example.com\"}]}}").then().statusCode(400);
        Api.getFindings("{\"Filters\":{\"Keyword\":[{\"Value\":\"x\"}]}}").then().statusCode(400)
                .body("Message", containsString("deprecated"));
    }

    @Test
    void everySingleValuedAttributeSorts() {
        for (FilterAttribute attribute : FilterAttribute.columns()) {
            if (attribute.type() == io.muster.finding.filter.AttributeType.MAP) {
                continue;
            }
            for (String order : List.of("asc", "desc")) {
                List<String> all = Api.getFindings("{\"Filters\":{\"ProductArn\":[{\"Value\":\"" + product + "\",\"Comparison\":\"EQUALS\"}]},"
                        + "\"SortCriteria\":[{\"Field\":\"" + attribute.filterName() + "\",\"SortOrder\":\"" + order + "\"}],\"MaxResults\":1}")
                        .then().statusCode(200).extract().jsonPath().getList("Findings.Id");
                assertThat(all).as("%s %s", attribute.filterName(), order).hasSize(1);
            }
        }
        List<String> byPort = Api.getFindings("{\"Filters\":{\"ProductArn\":[{\"Value\":\"" + product + "\",\"Comparison\":\"EQUALS\"}]},"
                + "\"SortCriteria\":[{\"Field\":\"NetworkDestinationPort\",\"SortOrder\":\"desc\"}]}").then().statusCode(200)
                .extract().jsonPath().getList("Findings.Id");
        assertThat(byPort).containsExactly("db", "web");
        List<String> bySample = Api.getFindings("{\"Filters\":{\"ProductArn\":[{\"Value\":\"" + product + "\",\"Comparison\":\"EQUALS\"}]},"
                + "\"SortCriteria\":[{\"Field\":\"Sample\",\"SortOrder\":\"asc\"}],\"MaxResults\":1}").then().statusCode(200)
                .extract().jsonPath().getList("Findings.Id");
        assertThat(bySample).containsExactly("db");
    }
}
