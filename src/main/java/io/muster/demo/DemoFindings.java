package io.muster.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.format.AsffTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realistic, repeatable multi-detector data set: three accounts in two Regions seen by Security Hub's
 * FSBP controls (passing and failing), GuardDuty (threats tied by shared attacker addresses and domains),
 * Inspector and Trivy (the same image CVEs, so duplicate groups), and an IAM access key used from an
 * attacker's address — enough for scores, insights, priorities, duplicates and the entity graph to show
 * something on a first run. The same seed gives the same findings.
 */
final class DemoFindings {

    static final String[] ACCOUNTS = {"111122223333", "444455556666", "777788889999"};
    private static final String[] REGIONS = {"us-east-1", "eu-west-1"};
    private static final String[][] CONTROLS = {
        {"IAM.1", "HIGH", "IAM policies should not allow full \"*\" administrative privileges", "AwsIamPolicy"},
        {"IAM.4", "CRITICAL", "IAM root user access key should not exist", "AwsAccount"},
        {"IAM.6", "CRITICAL", "Hardware MFA should be enabled for the root user", "AwsAccount"},
        {"S3.1", "MEDIUM", "S3 general purpose buckets should have block public access settings enabled", "AwsAccount"},
        {"S3.8", "HIGH", "S3 general purpose buckets should block public access", "AwsS3Bucket"},
        {"EC2.2", "HIGH", "VPC default security groups should not allow inbound or outbound traffic", "AwsEc2SecurityGroup"},
        {"EC2.8", "HIGH", "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)", "AwsEc2Instance"},
        {"CloudTrail.1", "HIGH", "CloudTrail should be enabled and configured with at least one multi-Region trail", "AwsAccount"},
        {"Config.1", "MEDIUM", "AWS Config should be enabled", "AwsAccount"},
        {"GuardDuty.1", "HIGH", "GuardDuty should be enabled", "AwsAccount"},
        {"KMS.4", "MEDIUM", "AWS KMS key rotation should be enabled", "AwsKmsKey"},
        {"RDS.3", "MEDIUM", "RDS DB instances should have encryption at-rest enabled", "AwsRdsDbInstance"},
        {"Lambda.1", "CRITICAL", "Lambda function policies should prohibit public access", "AwsLambdaFunction"},
    };
    private static final String[][] THREATS = {
        {"Backdoor:EC2/C&CActivity.B!DNS", "TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS", "80"},
        {"CryptoCurrency:EC2/BitcoinTool.B!DNS", "Effects/Resource Consumption/CryptoCurrency:EC2-BitcoinTool.B!DNS", "80"},
        {"UnauthorizedAccess:EC2/SSHBruteForce", "TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce", "50"},
        {"Recon:EC2/PortProbeUnprotectedPort", "TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort", "20"},
    };
    private static final String[] ATTACKERS = {"198.51.100.23", "203.0.113.77", "192.0.2.140"};
    private static final String[] DOMAINS = {"c2.badactor.example", "pool.minexmr.example"};
    private static final String[][] CVES = {
        {"CVE-2024-3094", "CRITICAL", "xz", "5.6.0", "5.6.2"},
        {"CVE-2023-44487", "HIGH", "nghttp2", "1.55.1", "1.57.0"},
        {"CVE-2023-4863", "HIGH", "libwebp", "1.3.1", "1.3.2"},
        {"CVE-2023-38545", "CRITICAL", "curl", "8.3.0", "8.4.0"},
        {"CVE-2023-5363", "HIGH", "openssl", "3.0.11", "3.0.12"},
        {"CVE-2022-40897", "MEDIUM", "setuptools", "65.5.0", "65.5.1"},
    };
    private static final String[] IMAGES = {"payments-api", "checkout-web", "orders-worker", "auth-service"};

    private DemoFindings() {
    }

    static List<ObjectNode> all(Instant now) {
        SplittableRandom random = new SplittableRandom(20261128);
        List<ObjectNode> findings = new ArrayList<>();
        for (String account : ACCOUNTS) {
            for (String region : REGIONS) {
                controls(findings, random, account, region, now);
                threats(findings, random, account, region, now);
                images(findings, random, account, region, now);
            }
        }
        keyMisuse(findings, now);
        return findings;
    }

    private static void controls(List<ObjectNode> findings, SplittableRandom random, String account, String region, Instant now) {
        String productArn = "arn:aws:securityhub:" + region + "::product/aws/securityhub";
        for (String[] control : CONTROLS) {
            boolean failed = random.nextInt(100) < (account.equals(ACCOUNTS[0]) ? 25 : 45);
            String resource = switch (control[3]) {
                case "AwsAccount" -> "AWS::::Account:" + account;
                case "AwsS3Bucket" -> "arn:aws:s3:::" + account + "-logs";
                case "AwsEc2Instance" -> "arn:aws:ec2:" + region + ":" + account + ":instance/i-0" + Long.toHexString(account.hashCode() & 0xfffffffL);
                default -> "arn:aws:" + control[0].split("\\.")[0].toLowerCase() + ":" + region + ":" + account + ":" + control[3].toLowerCase() + "/demo";
            };
            ObjectNode finding = base("arn:aws:securityhub:" + region + ":" + account + ":security-control/" + control[0] + "/finding/"
                    + Integer.toHexString((account + region + control[0]).hashCode()), productArn, "security-control/" + control[0],
                    account, region, ago(now, random, 20));
            finding.put("Title", control[2]).put("Description", "This AWS control checks: " + control[2] + ".");
            finding.putObject("Severity").put("Label", failed ? control[1] : "INFORMATIONAL");
            finding.putArray("Types").add("Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices");
            finding.putObject("Compliance").put("Status", failed ? "FAILED" : "PASSED").put("SecurityControlId", control[0]);
            finding.putArray("Resources").addObject().put("Type", control[3]).put("Id", resource).put("Region", region);
            findings.add(finding);
        }
    }

    private static void threats(List<ObjectNode> findings, SplittableRandom random, String account, String region, Instant now) {
        String productArn = "arn:aws:securityhub:" + region + "::product/aws/guardduty";
        int count = account.equals(ACCOUNTS[2]) ? 1 : 3;
        for (int i = 0; i < count; i++) {
            String[] threat = THREATS[random.nextInt(THREATS.length)];
            String instance = "i-0" + Long.toHexString(random.nextLong(1L << 40));
            String detector = "arn:aws:guardduty:" + region + ":" + account + ":detector/demo" + account.substring(0, 4);
            ObjectNode finding = base(detector + "/finding/" + Long.toHexString(random.nextLong(1L << 48)), productArn, detector, account,
                    region, ago(now, random, 10));
            finding.put("Title", threat[0] + " on " + instance).put("Description", "GuardDuty reports " + threat[0] + " involving " + instance + ".");
            int severity = Integer.parseInt(threat[2]);
            finding.putObject("Severity").put("Normalized", severity).put("Product", severity / 10.0);
            finding.putArray("Types").add(threat[1]);
            ObjectNode resource = finding.putArray("Resources").addObject().put("Type", "AwsEc2Instance")
                    .put("Id", "arn:aws:ec2:" + region + ":" + account + ":instance/" + instance).put("Region", region);
            ArrayNode addresses = resource.putObject("Details").putObject("AwsEc2Instance").put("Type", "t3.medium").putArray("IpV4Addresses");
            addresses.add("10.0." + random.nextInt(255) + "." + random.nextInt(255));
            String attacker = ATTACKERS[random.nextInt(ATTACKERS.length)];
            if (threat[0].startsWith("UnauthorizedAccess") || threat[0].startsWith("Recon")) {
                addresses.add("54.239." + random.nextInt(255) + "." + random.nextInt(255));
                finding.putObject("Network").put("Direction", "IN").put("Protocol", "TCP").put("SourceIpV4", attacker);
            } else {
                finding.putObject("Network").put("Direction", "OUT").put("Protocol", "UDP")
                        .put("DestinationDomain", DOMAINS[threat[0].startsWith("Crypto") ? 1 : 0]).put("DestinationIpV4", attacker);
            }
            findings.add(finding);
        }
    }

    private static void images(List<ObjectNode> findings, SplittableRandom random, String account, String region, Instant now) {
        for (String image : IMAGES) {
            String digest = "sha256:" + String.format("%064x", new java.math.BigInteger(1, (account + region + image).getBytes())).substring(0, 64);
            String resource = "arn:aws:ecr:" + region + ":" + account + ":repository/" + image + "/" + digest;
            for (String[] cve : CVES) {
                if (random.nextInt(100) < 45) {
                    continue;
                }
                Instant seen = ago(now, random, 30);
                findings.add(imageFinding("arn:aws:securityhub:" + region + "::product/aws/inspector",
                        "arn:aws:inspector2:" + region + ":" + account + ":finding/" + Integer.toHexString((resource + cve[0]).hashCode()),
                        "AWSInspector", account, region, resource, image, cve, seen, random.nextInt(100) < 30));
                if (random.nextInt(100) < 50) {
                    findings.add(imageFinding("arn:aws:securityhub:" + region + "::product/aquasecurity/aquasecurity",
                            account + ".dkr.ecr." + region + ".amazonaws.com/" + image + "@" + digest + "/" + cve[2] + "@" + cve[3] + "/" + cve[0],
                            "Trivy/" + cve[0], account, region, resource, image, cve, seen.plus(Duration.ofHours(2)), false));
                }
            }
        }
    }

    private static ObjectNode imageFinding(String productArn, String id, String generatorId, String account, String region, String resource,
            String image, String[] cve, Instant at, boolean exploit) {
        ObjectNode finding = base(id, productArn, generatorId, account, region, at);
        finding.put("Title", cve[0] + " - " + cve[2] + " in " + image).put("Description", cve[0] + " affects " + cve[2] + " " + cve[3]
                + "; fixed in " + cve[4] + ".");
        finding.putObject("Severity").put("Label", cve[1]);
        finding.putArray("Types").add("Software and Configuration Checks/Vulnerabilities/CVE");
        finding.putArray("Resources").addObject().put("Type", "AwsEcrContainerImage").put("Id", resource).put("Region", region);
        ObjectNode vulnerability = finding.putArray("Vulnerabilities").addObject().put("Id", cve[0]).put("FixAvailable", "YES")
                .put("ExploitAvailable", exploit ? "YES" : "NO");
        vulnerability.putArray("VulnerablePackages").addObject().put("Name", cve[2]).put("Version", cve[3]).put("FixedInVersion", cve[4]);
        return finding;
    }

    /** An access key used from the address GuardDuty saw beaconing: the graph ties the two. */
    private static void keyMisuse(List<ObjectNode> findings, Instant now) {
        String account = ACCOUNTS[0];
        String detector = "arn:aws:guardduty:us-east-1:" + account + ":detector/demo" + account.substring(0, 4);
        ObjectNode finding = base(detector + "/finding/key-misuse", "arn:aws:securityhub:us-east-1::product/aws/guardduty", detector,
                account, "us-east-1", now.minus(Duration.ofHours(5)));
        finding.put("Title", "API ListBuckets was invoked using access key AKIADEMOEXAMPLE0001 from a known malicious IP address")
                .put("Description", "An access key of deploy-bot was used from " + ATTACKERS[0] + ".");
        finding.putObject("Severity").put("Normalized", 80).put("Product", 8);
        finding.putArray("Types").add("TTPs/Credential Access/UnauthorizedAccess:IAMUser-MaliciousIPCaller");
        finding.putArray("Resources").addObject().put("Type", "AwsIamAccessKey").put("Id", "AWS::IAM::AccessKey:AKIADEMOEXAMPLE0001")
                .putObject("Details").putObject("AwsIamAccessKey").put("PrincipalName", "deploy-bot");
        finding.putObject("Action").put("ActionType", "AWS_API_CALL").putObject("AwsApiCallAction").put("Api", "ListBuckets")
                .put("ServiceName", "s3.amazonaws.com").putObject("RemoteIpDetails").put("IpAddressV4", ATTACKERS[0]);
        findings.add(finding);
    }

    private static ObjectNode base(String id, String productArn, String generatorId, String account, String region, Instant at) {
        String time = AsffTime.format(at);
        ObjectNode finding = Json.object().put("SchemaVersion", "2018-10-08").put("Id", id).put("ProductArn", productArn)
                .put("GeneratorId", generatorId).put("AwsAccountId", account).put("Region", region).put("CreatedAt", time).put("UpdatedAt", time)
                .put("FirstObservedAt", time).put("LastObservedAt", time);
        finding.putObject("ProductFields").put("muster/demo", "true");
        return finding;
    }

    private static Instant ago(Instant now, SplittableRandom random, int days) {
        return now.minus(Duration.ofMinutes(random.nextLong(Duration.ofDays(days).toMinutes())));
    }
}
