package io.muster.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The entity graph: a GuardDuty-style finding (instance → command-and-control domain → address) and an
 * IAM finding (user → access key → API calls from that address) are tied by the shared address; the
 * related-findings question answers the other finding first, and nothing of another account leaks
 * through a neighbour.
 */
@QuarkusTest
class EntityGraphTest {

    private static final String OTHER_ACCOUNT = "210987654321";

    private String productArn;
    private String address;
    private String domain;

    @BeforeEach
    void storeFindings() {
        productArn = Asff.newProductArn();
        String run = UUID.randomUUID().toString().substring(0, 8);
        address = "198.51.100." + (1 + Math.abs(run.hashCode() % 250));
        domain = "c2-" + run + ".example.com";
        ObjectNode beacon = Asff.finding(productArn, "beacon");
        beacon.putObject("Severity").put("Label", "HIGH").put("Normalized", 70);
        beacon.putArray("Types").add("TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS");
        beacon.putArray("Resources").addObject().put("Type", "AwsEc2Instance").put("Id", "arn:aws:ec2:us-east-1:123456789012:instance/i-" + run);
        beacon.putObject("Network").put("Direction", "OUT").put("DestinationDomain", domain).put("DestinationIpV4", address);

        ObjectNode keyUse = Asff.finding(productArn, "key-use");
        keyUse.putObject("Severity").put("Label", "MEDIUM").put("Normalized", 40);
        keyUse.putArray("Types").add("Unusual Behaviors/User/Discovery:IAMUser-AnomalousBehavior");
        ObjectNode key = keyUse.putArray("Resources").addObject().put("Type", "AwsIamAccessKey").put("Id", "AWS::IAM::AccessKey:AKIA" + run.toUpperCase());
        key.putObject("Details").putObject("AwsIamAccessKey").put("PrincipalName", "alice-" + run);
        keyUse.putObject("Action").put("ActionType", "AWS_API_CALL").putObject("AwsApiCallAction").put("Api", "ListBuckets")
                .put("ServiceName", "s3.amazonaws.com").putObject("RemoteIpDetails").put("IpAddressV4", address);

        ObjectNode unrelated = Asff.finding(productArn, "unrelated");
        unrelated.putObject("Severity").put("Label", "CRITICAL").put("Normalized", 95);

        ObjectNode elsewhere = Asff.finding(productArn, "elsewhere");
        elsewhere.put("AwsAccountId", OTHER_ACCOUNT);
        elsewhere.putObject("Severity").put("Label", "CRITICAL").put("Normalized", 100);
        elsewhere.putObject("Network").put("Direction", "IN").put("SourceIpV4", address);

        Api.importFindings(Asff.importBody(beacon, keyUse, unrelated, elsewhere)).statusCode(200).body("FailedCount", org.hamcrest.Matchers.is(0));
    }

    @Test
    void theBeaconAndTheKeyUseAreTiedByTheSharedAddress() {
        JsonPath related = related("beacon", Api.request());
        assertThat(related.getList("Findings.Id")).startsWith("elsewhere", "key-use").doesNotContain("unrelated");
        // a caller of the first account only: the other account's finding is never reached
        JsonPath scoped = related("beacon", TestCallers.viewer(Asff.ACCOUNT).request());
        assertThat(scoped.getList("Findings.Id")).containsExactly("key-use");
        assertThat(scoped.getList("Findings[0].SharedEntities")).containsExactly(java.util.Map.of("Kind", "ip", "Value", address));
    }

    @Test
    void anEntityShowsItsFindingsAndNeighboursToTheDepthAsked() {
        JsonPath ip = entity("{\"Kind\":\"ip\",\"Value\":\"" + address + "\"}", Api.request());
        assertThat(ip.getList("Findings.Id")).containsExactlyInAnyOrder("elsewhere", "beacon", "key-use");
        assertThat(ip.getList("Neighbours.Value")).contains(domain, Asff.ACCOUNT, OTHER_ACCOUNT);
        assertThat(ip.getList("Neighbours.Kind")).contains("resource", "access-key", "principal", "domain", "account");

        JsonPath fromDomain = entity("{\"Kind\":\"domain\",\"Value\":\"" + domain + "\",\"Depth\":2}", TestCallers.viewer(Asff.ACCOUNT).request());
        List<java.util.Map<String, Object>> neighbours = fromDomain.getList("Neighbours");
        assertThat(neighbours).anySatisfy(n -> assertThat(n).containsEntry("Kind", "ip").containsEntry("Depth", 1));
        assertThat(neighbours).anySatisfy(n -> assertThat(n).containsEntry("Kind", "access-key").containsEntry("Depth", 2));
        assertThat(neighbours).noneSatisfy(n -> assertThat(n.get("Value")).isEqualTo(OTHER_ACCOUNT));
    }

    @Test
    void unknownEntitiesWindowsAndBadInputAreAnsweredClearly() {
        Api.request().body("{\"Kind\":\"ip\",\"Value\":\"203.0.113.250\"}").post("/graph/entity").then().statusCode(404);
        TestCallers.viewer("111111111111").request().body("{\"Kind\":\"ip\",\"Value\":\"" + address + "\"}").post("/graph/entity")
                .then().statusCode(404);
        Api.request().body("{\"Kind\":\"ip\",\"Value\":\"" + address + "\",\"Until\":\"2000-01-01T00:00:00Z\"}").post("/graph/entity")
                .then().statusCode(404).body("Message", org.hamcrest.Matchers.containsString("time window"));
        Api.request().body("{\"Kind\":\"planet\",\"Value\":\"mars\"}").post("/graph/entity").then().statusCode(400)
                .body("Message", org.hamcrest.Matchers.containsString("not an entity kind"));
        Api.request().body("{\"Kind\":\"ip\",\"Value\":\"" + address + "\",\"Depth\":4}").post("/graph/entity").then().statusCode(400);
        Api.request().body("{\"FindingIdentifier\":{\"Id\":\"nope\",\"ProductArn\":\"" + productArn + "\"}}").post("/graph/related")
                .then().statusCode(404);
    }

    private JsonPath related(String id, io.restassured.specification.RequestSpecification request) {
        return request.body(Json.write(Json.object().set("FindingIdentifier", Json.object().put("Id", id).put("ProductArn", productArn))))
                .post("/graph/related").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath entity(String body, io.restassured.specification.RequestSpecification request) {
        return request.body(body).post("/graph/entity").then().statusCode(200).extract().jsonPath();
    }
}
