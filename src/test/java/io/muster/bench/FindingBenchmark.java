package io.muster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.SigV4Signing;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Import and query benchmark (not a test): starts the packaged Muster, imports N realistic findings in
 * batches of 100 from C concurrent clients, then times GetFindings for the common filters. Run with
 * {@code ./mvnw -Pbench verify} (see README, "Performance"); settings are system properties:
 * bench.findings, bench.clients, bench.queries, bench.db.url, bench.db.username, bench.port.
 */
public final class FindingBenchmark {

    private static final int BATCH = 100;
    /** Findings of the Kafka phase are numbered from 10,000,000 on, apart from the HTTP import's. */
    private static final int KAFKA_FIRST_BATCH = 100_000;
    private static final String KAFKA_TOPIC = "muster-bench-" + java.util.UUID.randomUUID();
    private static final String ACCESS_KEY_ID = "MKBENCHMARKADMIN0001";
    private static final String SECRET_ACCESS_KEY = "benchmark-secret-access-key-0123456789";
    private static final String[] ACCOUNTS = new String[40];
    private static final String[] REGIONS = {"us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"};
    private static final String[] LABELS = {"INFORMATIONAL", "LOW", "LOW", "MEDIUM", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL"};
    private static final String[] RESOURCE_TYPES = {"AwsEc2Instance", "AwsS3Bucket", "AwsIamRole", "AwsEcrContainerImage",
        "AwsLambdaFunction", "AwsRdsDbInstance"};
    private static final String[] CONTROLS = {"IAM.1", "IAM.4", "S3.1", "S3.8", "EC2.2", "EC2.13", "CloudTrail.1", "Config.1",
        "KMS.4", "RDS.3", "Lambda.1", "GuardDuty.1"};
    private static final String[] TTPS = {"TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort",
        "TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce", "Effects/Resource Consumption/CryptoCurrency:EC2-BitcoinTool.B",
        "Unusual Behaviors/User/Persistence:IAMUser-NetworkPermissions", "TTPs/Command and Control/Backdoor:EC2-C&CActivity.B"};

    static {
        for (int i = 0; i < ACCOUNTS.length; i++) {
            ACCOUNTS[i] = String.format("%012d", 100000000000L + i * 7919L);
        }
    }

    public static void main(String[] args) throws Exception {
        int findings = Integer.getInteger("bench.findings", 100_000);
        int clients = Integer.getInteger("bench.clients", 4);
        int queries = Integer.getInteger("bench.queries", 200);
        int port = Integer.getInteger("bench.port", 18080);
        int warmup = Integer.getInteger("bench.warmup", Math.min(20_000, findings / 10));
        String dbUrl = System.getProperty("bench.db.url", "");
        String dbUser = System.getProperty("bench.db.username", "postgres");
        // bench.reuse: keep a PostgreSQL database an earlier run filled and measure only the queries
        boolean reuse = Boolean.getBoolean("bench.reuse") && dbUrl.startsWith("jdbc:postgresql:");
        if (dbUrl.isBlank()) {
            Path dir = Path.of("target/bench-data");
            deleteRecursively(dir);
            // the shipped default's options (WRITE_DELAY=0: every commit on file before the answer); -Dbench.h2.options to compare
            dbUrl = "jdbc:h2:file:" + dir.toAbsolutePath() + "/muster;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                    + System.getProperty("bench.h2.options", ";WRITE_DELAY=0");
        } else if (dbUrl.startsWith("jdbc:postgresql:") && !reuse) {
            recreatePostgres(dbUrl, dbUser);
        }

        try (java.net.Socket taken = new java.net.Socket("127.0.0.1", port)) {
            throw new IllegalStateException("port " + port + " is already in use: stop what listens there, or pass -Dbench.port");
        } catch (java.net.ConnectException free) {
            // nothing listens there: good
        }
        Process server = start(port, dbUrl, dbUser);
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            awaitReady(http, base, server);
            System.out.printf("%nMuster benchmark: %,d findings, batches of %d, %d clients, database %s%n", findings, BATCH,
                    clients, dbUrl.replaceFirst(";.*", ""));
            if (reuse) {
                System.out.printf("%nReusing the findings an earlier run stored (bench.reuse)%n");
            } else {
                if (warmup > 0) {
                    System.out.printf("%nWarm-up: %,d other findings imported first, not measured (JIT compilation)%n", warmup);
                    importBatches(http, base, findings, warmup, clients);
                }
                long serverCpu = cpuMillis(server.pid());
                long clientCpu = cpuMillis(ProcessHandle.current().pid());
                long databaseCpu = databaseCpuMillis();
                importAll(http, base, findings, clients);
                System.out.printf("  CPU during import    Muster %.1f s, PostgreSQL %s, benchmark client %.1f s (2 cores shared)%n",
                        (cpuMillis(server.pid()) - serverCpu) / 1000.0,
                        databaseCpu < 0 ? "n/a" : String.format("%.1f s", (databaseCpuMillis() - databaseCpu) / 1000.0),
                        (cpuMillis(ProcessHandle.current().pid()) - clientCpu) / 1000.0);
                if (dbUrl.startsWith("jdbc:postgresql:")) {
                    analyze(dbUrl, dbUser);
                }
            }
            // bench.phases: which measurements follow the import (all by default)
            List<String> phases = List.of(System.getProperty("bench.phases", "findings,compliance,insights,export,outbound").split(","));
            if (phases.contains("findings")) {
                queryAll(http, base, queries);
            }
            if (phases.contains("compliance") && Boolean.parseBoolean(System.getProperty("bench.compliance", "true"))) {
                complianceAll(http, base, queries);
            }
            if (phases.contains("insights")) {
                insightsAll(http, base, Integer.getInteger("bench.insight.queries", 20));
            }
            if (phases.contains("export")) {
                exportAll(http, base, server.pid());
            }
            if (phases.contains("outbound")) {
                outboundAll(http, base, Integer.getInteger("bench.outbound.events", 5000));
            }
            if (phases.contains("correlation")) {
                correlationAll(http, base, queries);
            }
            if (phases.contains("dashboard")) {
                dashboardAll(http, base, Integer.getInteger("bench.page.loads", 10));
            }
            if (phases.contains("kafka")) {
                kafkaAll(dbUrl, dbUser, Integer.getInteger("bench.kafka.findings", findings));
            }
            if (phases.contains("bigdoc")) {
                bigDocumentAll(http, base, server.pid(), Long.getLong("bench.bigdoc.bytes", 100L * 1024 * 1024));
            }
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /**
     * Format imports of one large document each (ASFF NDJSON, an OCSF array, a Trivy report, SARIF), streamed
     * from a file to {@code /findings/import/{format}} with an API token: the time, the rate, and the server's
     * heap sampled from /q/metrics while it reads (start the server with {@code -Dbench.server.heap=256m} to
     * show that a 100 MB document fits in 256 MB).
     */
    private static void bigDocumentAll(HttpClient http, URI base, long serverPid, long bytes) throws Exception {
        String token = Json.readStored(send(http, signed(base, "POST", "/credentials",
                "{\"Kind\":\"TOKEN\",\"Name\":\"bench-bigdoc\",\"Role\":\"PRODUCER\"}"))).path("Token").asText();
        System.out.printf("%nLarge documents (about %,d MB each, server heap limit %s)%n", bytes / (1024 * 1024),
                System.getProperty("bench.server.heap", "1g"));
        System.out.printf("  %-12s %10s %10s %9s %12s %14s%n", "format", "MB", "findings", "seconds", "findings/s", "peak heap MB");
        for (String format : System.getProperty("bench.bigdoc.formats", "asff-ndjson,ocsf,trivy,sarif").split(",")) {
            // as many records as make the size: a thousand of them measured first
            io.muster.testing.LargeDocuments.Document sample = io.muster.testing.LargeDocuments.write(format, 1_000, java.util.Set.of(),
                    "900000000000", "sample");
            int records = (int) (bytes * 1_000 / sample.bytes());
            Files.deleteIfExists(sample.file());
            String account = String.format("%012d", 900000000000L + records);
            io.muster.testing.LargeDocuments.Document document = io.muster.testing.LargeDocuments.write(format, records, java.util.Set.of(),
                    account, java.util.UUID.randomUUID().toString());
            try {
                String path = "/findings/import/" + (format.equals("asff-ndjson") ? "asff" : format)
                        + (io.muster.testing.LargeDocuments.namesItsAccount(format) ? "" : "?AwsAccountId=" + account);
                java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
                java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
                Thread sampler = new Thread(() -> {
                    while (!done.get()) {
                        peak.accumulateAndGet(heapUsed(http, base), Math::max);
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.start();
                long started = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofFile(document.file())).build(),
                        HttpResponse.BodyHandlers.ofString());
                double seconds = (System.nanoTime() - started) / 1e9;
                done.set(true);
                sampler.join();
                if (response.statusCode() != 200) {
                    System.out.printf("  %-12s failed: %d %s%n", format, response.statusCode(), response.body());
                    continue;
                }
                int stored = Json.readStored(response.body()).path("SuccessCount").asInt();
                System.out.printf("  %-12s %10.1f %,10d %9.1f %,12.0f %14.0f%n", format, document.bytes() / 1048576.0, stored, seconds,
                        stored / seconds, peak.get() / 1048576.0);
            } finally {
                Files.deleteIfExists(document.file());
            }
        }
    }

    /** The server's heap in use, from its Prometheus metrics (0 when they cannot be read). */
    private static long heapUsed(HttpClient http, URI base) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) sum;
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * The findings stream on Kafka: messages of 100 findings (the batches BatchImportFindings gets) published to
     * the topic as fast as the producer can, timed until the last finding is committed in PostgreSQL.
     */
    private static void kafkaAll(String dbUrl, String dbUser, int findings) throws Exception {
        System.out.printf("%nFindings stream on Kafka (topic %s, messages of %d findings)%n", KAFKA_TOPIC, BATCH);
        if (!dbUrl.startsWith("jdbc:postgresql:")) {
            System.out.println("  skipped: the Kafka phase counts stored findings in PostgreSQL; pass -Dbench.db.url=jdbc:postgresql://…");
            return;
        }
        long before = countFindings(dbUrl, dbUser);
        java.util.Properties properties = new java.util.Properties();
        properties.put("bootstrap.servers", "127.0.0.1:9092");
        properties.put("acks", "all");
        properties.put("linger.ms", "5");
        properties.put("compression.type", "lz4");
        int messages = (findings + BATCH - 1) / BATCH;
        long started = System.nanoTime();
        double published;
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(properties,
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int message = 0; message < messages; message++) {
                String body = batchBody(KAFKA_FIRST_BATCH + message, Math.min(BATCH, findings - message * BATCH));
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(KAFKA_TOPIC,
                        body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            producer.flush();
            published = (System.nanoTime() - started) / 1e9;
        }
        long stored;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        while ((stored = countFindings(dbUrl, dbUser) - before) < findings && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("  published           %,d findings in %,d messages in %.1f s%n", findings, messages, published);
        System.out.printf("  stored              %,d findings %.1f s after the first message%n", stored, seconds);
        System.out.printf("  throughput          %,.0f findings/s, publish to commit%n", stored / seconds);
    }

    private static long countFindings(String url, String user) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, System.getProperty("bench.db.password", ""));
                var statement = connection.createStatement(); var rows = statement.executeQuery("SELECT COUNT(*) FROM finding")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void importAll(HttpClient http, URI base, int findings, int clients) throws Exception {
        Result result = importBatches(http, base, 0, findings, clients);
        List<Long> sorted = new ArrayList<>(result.latencies());
        Collections.sort(sorted);
        System.out.printf("%nBatchImportFindings%n");
        System.out.printf("  imported            %,d findings in %.1f s (%.1f KB average finding)%n", findings, result.seconds(),
                result.bytes() / 1024.0 / findings);
        System.out.printf("  throughput          %,.0f findings/s%n", findings / result.seconds());
        System.out.printf("  batch latency       p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%d failed batches)%n",
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), result.failed());
    }

    private record Result(double seconds, long bytes, List<Long> latencies, int failed) {
    }

    /** Imports findings number {@code first} to {@code first + count - 1}, in batches, from concurrent clients. */
    private static Result importBatches(HttpClient http, URI base, int first, int count, int clients) throws Exception {
        int batches = (count + BATCH - 1) / BATCH;
        int firstBatch = first / BATCH;
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        long bytes = 0;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<Long>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                long sent = 0;
                int batch;
                while ((batch = next.getAndIncrement()) < batches) {
                    String body = batchBody(firstBatch + batch, Math.min(BATCH, count - batch * BATCH));
                    sent += body.length();
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = http.send(post(base, "/findings/import", body), HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - t0);
                    if (response.statusCode() != 200 || !response.body().contains("\"FailedCount\":0")) {
                        failed.incrementAndGet();
                        if (failed.get() < 5) {
                            System.out.println("  import failed: " + response.statusCode() + " " + response.body());
                        }
                    }
                }
                return sent;
            }));
        }
        for (Future<Long> result : results) {
            bytes += result.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return new Result(seconds, bytes, new ArrayList<>(latencies), failed.get());
    }

    /** Priority, duplicates, risk and graph questions, each timed like the GetFindings cases. */
    private static void correlationAll(HttpClient http, URI base, int queries) throws Exception {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("GetFindings by Priority desc", new String[] {"/findings",
            "{\"MaxResults\":100,\"SortCriteria\":[{\"Field\":\"Priority\",\"SortOrder\":\"desc\"}]}"});
        cases.put("Priority >= 70, by Priority", new String[] {"/findings", "{\"Filters\":{\"Priority\":[{\"Gte\":70}]},\"MaxResults\":100,"
            + "\"SortCriteria\":[{\"Field\":\"Priority\",\"SortOrder\":\"desc\"}]}"});
        cases.put("HideDuplicates, CRITICAL", new String[] {"/findings", "{\"Filters\":{\"SeverityLabel\":[" + eq("CRITICAL")
            + "]},\"HideDuplicates\":true,\"MaxResults\":100}"});
        cases.put("Correlation annotations", new String[] {"/findings", "{\"Correlation\":true,\"MaxResults\":100}"});
        cases.put("Riskiest 10 resources", new String[] {"/risk/resources", "{}"});
        cases.put("Riskiest 10 accounts", new String[] {"/risk/accounts", "{}"});
        System.out.printf("%nPriority, duplicates, risk (%d queries each)%n", queries);
        for (var entry : cases.entrySet()) {
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < queries + 10; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(post(base, entry.getValue()[0], entry.getValue()[1]), HttpResponse.BodyHandlers.ofString());
                long elapsed = System.nanoTime() - t0;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(entry.getKey() + ": " + response.body());
                }
                if (i >= 10) {
                    latencies.add(elapsed);
                }
            }
            latencies.sort(Comparator.naturalOrder());
            System.out.printf("  %-34s p50 %6.1f ms  p95 %6.1f ms%n", entry.getKey(), percentile(latencies, 50), percentile(latencies, 95));
        }
    }

    /**
     * The dashboard's pages in a real headless Chromium (Debian's chromium and chromedriver): the time from
     * the start of the navigation until the page shows its data (its main element's data-loaded-ms), each
     * page loaded {@code loads} times after two warm-up loads. The findings page asks for the first 50 by
     * priority; the overview for scores, their trend, the severity and workflow counts, the riskiest resources
     * and accounts and the newest critical findings.
     */
    private static void dashboardAll(HttpClient http, URI base, int loads) throws Exception {
        if (!io.muster.testing.Browser.available()) {
            System.out.println("\nDashboard: skipped (install chromium and chromium-driver)");
            return;
        }
        String password = "benchmark dashboard password";
        String user = "bench-lead-" + Long.toString(System.nanoTime(), 36);
        send(http, signed(base, "POST", "/users", "{\"UserName\":\"" + user + "\",\"Password\":\"" + password + "\",\"Role\":\"ADMIN\"}"));
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("Overview", "/#overview");
        pages.put("Findings (50 by priority)", "/findings.html#findings-page");
        pages.put("Standards", "/standards.html#standards-page");
        pages.put("Insights (first chart)", "/insights.html#insights-page");
        pages.put("Automation", "/automation.html#automation-page");
        org.openqa.selenium.WebDriver browser = io.muster.testing.Browser.start();
        try {
            java.net.URL root = base.toURL();
            io.muster.testing.Browser.signIn(browser, root, user, password);
            System.out.printf("%nDashboard page loads in headless Chromium (%d loads each, after 2 warm-up loads)%n", loads);
            for (var page : pages.entrySet()) {
                String[] pathAndMain = page.getValue().split("#");
                List<Long> millis = new ArrayList<>();
                for (int i = 0; i < loads + 2; i++) {
                    io.muster.testing.Browser.open(browser, root, pathAndMain[0], pathAndMain[1]);
                    org.openqa.selenium.WebElement main = browser.findElement(org.openqa.selenium.By.id(pathAndMain[1]));
                    String error = browser.findElement(org.openqa.selenium.By.id("error")).getText();
                    if (!error.isBlank()) {
                        throw new IllegalStateException(page.getKey() + ": " + error);
                    }
                    if (i >= 2) {
                        millis.add(Long.parseLong(main.getAttribute("data-loaded-ms")) * 1_000_000L);
                    }
                }
                millis.sort(Comparator.naturalOrder());
                System.out.printf("  %-30s p50 %6.0f ms  p95 %6.0f ms  max %6.0f ms%n", page.getKey(), percentile(millis, 50), percentile(millis, 95),
                        millis.get(millis.size() - 1) / 1e6);
            }
        } finally {
            browser.quit();
        }
    }

    private static void queryAll(HttpClient http, URI base, int queries) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, java.util.function.Supplier<String>> cases = new LinkedHashMap<>();
        cases.put("SeverityLabel = CRITICAL", () -> "\"SeverityLabel\":[" + eq("CRITICAL") + "]");
        cases.put("RecordState ACTIVE, Workflow NEW", () -> "\"RecordState\":[" + eq("ACTIVE") + "],\"WorkflowStatus\":[" + eq("NEW") + "]");
        cases.put("AwsAccountId = one of 40", () -> "\"AwsAccountId\":[" + eq(ACCOUNTS[random.nextInt(ACCOUNTS.length)]) + "]");
        cases.put("ResourceId PREFIX", () -> "\"ResourceId\":[{\"Value\":\"arn:aws:s3:::bucket-" + random.nextInt(100)
                + "\",\"Comparison\":\"PREFIX\"}]");
        cases.put("ComplianceStatus = FAILED", () -> "\"ComplianceStatus\":[" + eq("FAILED") + "]");
        cases.put("UpdatedAt last 7 days", () -> "\"UpdatedAt\":[{\"DateRange\":{\"Value\":7,\"Unit\":\"DAYS\"}}]");
        cases.put("Critical+active in account", () -> "\"SeverityLabel\":[" + eq("CRITICAL") + "],\"RecordState\":["
                + eq("ACTIVE") + "],\"AwsAccountId\":[" + eq(ACCOUNTS[random.nextInt(ACCOUNTS.length)]) + "]");
        cases.put("No filter", () -> "");
        cases.put("ResourceTags env = prod", () -> "\"ResourceTags\":[{\"Key\":\"env\",\"Value\":\"prod\",\"Comparison\":\"EQUALS\"}]");
        cases.put("NetworkSourceIpV4 in a /28", () -> "\"NetworkSourceIpV4\":[{\"Cidr\":\"198.51.100." + random.nextInt(16) * 16
                + "/28\"}]");
        cases.put("Type PREFIX TTPs", () -> "\"Type\":[{\"Value\":\"TTPs/\",\"Comparison\":\"PREFIX\"}]");
        System.out.printf("%nGetFindings (MaxResults 100, sorted by UpdatedAt desc, %d queries each)%n", queries);
        for (var entry : cases.entrySet()) {
            List<Long> latencies = new ArrayList<>();
            int returned = 0;
            for (int i = 0; i < queries + 10; i++) {
                String body = "{\"Filters\":{" + entry.getValue().get() + "},\"MaxResults\":100,"
                        + "\"SortCriteria\":[{\"Field\":\"UpdatedAt\",\"SortOrder\":\"desc\"}]}";
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(post(base, "/findings", body), HttpResponse.BodyHandlers.ofString());
                long elapsed = System.nanoTime() - t0;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(entry.getKey() + ": " + response.body());
                }
                if (i >= 10) {
                    latencies.add(elapsed);
                    returned += count(response.body());
                }
            }
            latencies.sort(Comparator.naturalOrder());
            System.out.printf("  %-34s p50 %6.1f ms  p95 %6.1f ms  (%.0f findings/page)%n", entry.getKey(),
                    percentile(latencies, 50), percentile(latencies, 95), (double) returned / queries);
        }
    }

    /** Scores and control status read from the incrementally kept counters, and a full recomputation. */
    private static void complianceAll(HttpClient http, URI base, int queries) throws Exception {
        String fsbp = URLEncoder.encode("arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
                StandardCharsets.UTF_8);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("Scores of every enabled standard", "/compliance/scores");
        cases.put("Scores for one account", "/compliance/scores?AwsAccountId=" + ACCOUNTS[3]);
        cases.put("FSBP controls with status", "/compliance/controls?StandardsArn=" + fsbp);
        System.out.printf("%nCompliance (%d queries each)%n", queries);
        for (var entry : cases.entrySet()) {
            timed(http, entry.getKey(), queries, () -> signed(base, "GET", entry.getValue(), ""));
        }
        long t0 = System.nanoTime();
        HttpResponse<String> recomputed = http.send(signed(base, "POST", "/compliance/recompute", ""), HttpResponse.BodyHandlers.ofString());
        System.out.printf("  Recompute every control link     %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, recomputed.body());
    }

    /** GetInsightResults for every managed insight, a trend and a custom insight over a multi-valued attribute. */
    private static void insightsAll(HttpClient http, URI base, int queries) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> recount = http.send(signed(base, "POST", "/insights/recount", ""), HttpResponse.BodyHandlers.ofString());
        System.out.printf("%nManaged insight counts built from the stored findings (POST /insights/recount waits for a running "
                + "build): %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, recount.body());
        System.out.printf("%nInsights (GetInsightResults, %d queries each, every finding ACTIVE and NEW)%n", queries);
        List<Long> all = new ArrayList<>();
        for (int n : new int[] {1, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
                34, 35, 36, 37}) {
            String path = "/insights/results/arn:aws:securityhub:::insight/securityhub/default/" + n;
            all.addAll(timed(http, "managed insight " + n, queries, () -> signed(base, "GET", path, "")));
        }
        all.sort(Comparator.naturalOrder());
        System.out.printf("  %-34s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n", "all 32 managed insights", percentile(all, 50),
                percentile(all, 95), percentile(all, 100));
        timed(http, "trend: 30 days by SeverityLabel", queries, () -> signed(base, "POST", "/insights/trends",
                "{\"Interval\":\"DAY\",\"SplitBy\":\"SeverityLabel\"}"));
        timed(http, "trend: 48 hours, critical only", queries, () -> signed(base, "POST", "/insights/trends",
                "{\"Interval\":\"HOUR\",\"Filters\":{\"SeverityLabel\":[" + eq("CRITICAL") + "]}}"));
    }

    /**
     * Custom action → signed webhook: the latency from pressing the action to the receiver getting the event,
     * one finding at a time, and the delivery rate of many events at once, to a receiver on this machine.
     */
    private static void outboundAll(HttpClient http, URI base, int events) throws Exception {
        Map<String, Long> arrivals = new java.util.concurrent.ConcurrentHashMap<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            arrivals.put(exchange.getRequestHeaders().getFirst("webhook-id"), System.nanoTime());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        ExecutorService receiving = Executors.newFixedThreadPool(8);
        receiver.setExecutor(receiving);
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String target = Json.readStored(send(http, signed(base, "POST", "/outbound/targets", "{\"Name\":\"bench\",\"Url\":\"" + url
                    + "\"}"))).path("TargetId").asText();
            String actionId = "Bench" + Long.toString(System.nanoTime(), 36);
            String action = Json.readStored(send(http, signed(base, "POST", "/actionTargets", "{\"Id\":\"" + actionId
                    + "\",\"Name\":\"Bench\",\"Description\":\"benchmark\"}"))).path("ActionTargetArn").asText();
            send(http, signed(base, "POST", "/outbound/rules", "{\"Name\":\"bench\",\"Targets\":[\"" + target + "\"],\"EventPattern\":"
                    + "{\"detail-type\":[\"Security Hub Findings - Custom Action\"],\"resources\":[\"" + action + "\"]}}"));
            Thread.sleep(2500); // every replica re-reads rules within two seconds

            System.out.printf("%nCustom action → webhook (a receiver on this machine, Standard Webhooks signatures)%n");
            List<Long> latencies = new ArrayList<>();
            String one = "{\"ActionTargetArn\":\"" + action + "\",\"Filters\":{\"SeverityLabel\":[" + eq("CRITICAL") + "]},\"MaxFindings\":1}";
            for (int i = 0; i < 110; i++) {
                long t0 = System.nanoTime();
                String eventId = Json.readStored(send(http, signed(base, "POST", "/actionTargets/invoke", one))).path("EventIds").get(0).asText();
                long deadline = t0 + 30_000_000_000L;
                while (!arrivals.containsKey(eventId) && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                if (i >= 10) {
                    latencies.add(arrivals.getOrDefault(eventId, deadline) - t0);
                }
            }
            latencies.sort(Comparator.naturalOrder());
            System.out.printf("  %-34s p50 %6.1f ms  p95 %6.1f ms (100 invocations, one finding each)%n", "invoke → webhook received",
                    percentile(latencies, 50), percentile(latencies, 95));

            arrivals.clear();
            long t0 = System.nanoTime();
            JsonNode many = Json.readStored(send(http, signed(base, "POST", "/actionTargets/invoke", "{\"ActionTargetArn\":\"" + action
                    + "\",\"Filters\":{},\"MaxFindings\":" + events + "}")));
            int sent = many.path("EventIds").size();
            while (arrivals.size() < sent && System.nanoTime() - t0 < 600_000_000_000L) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  %-34s %,d events delivered in %.1f s: %,.0f events/s%n", "one invocation on " + sent + " findings",
                    arrivals.size(), seconds, arrivals.size() / seconds);
        } finally {
            receiver.stop(0);
            receiving.shutdownNow();
        }
    }

    private static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** ExportFindings: every finding as NDJSON, and a filtered CSV, read as the client receives them. */
    private static void exportAll(HttpClient http, URI base, long serverPid) throws Exception {
        System.out.printf("%nExport (streamed; Muster's heap is capped at %s)%n", System.getProperty("bench.server.heap", "1g"));
        export(http, base, serverPid, "NDJSON, no filter", "application/x-ndjson", "{}");
        export(http, base, serverPid, "CSV, SeverityLabel = CRITICAL", "text/csv",
                "{\"Filters\":{\"SeverityLabel\":[" + eq("CRITICAL") + "]}}");
    }

    private static void export(HttpClient http, URI base, long serverPid, String name, String accept, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(signed(base, "POST", "/findings/export", body), (n, v) -> true)
                .header("Accept", accept).build();
        long t0 = System.nanoTime();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + ": " + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (java.io.InputStream in = response.body()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long findings = accept.equals("text/csv") ? lines - 1 : lines;
        System.out.printf("  %-34s %,d findings, %,.0f MB in %.1f s: %,.0f findings/s; Muster peak RSS %s%n", name, findings,
                bytes / 1e6, seconds, findings / seconds, peakRss(serverPid));
    }

    /** The peak resident memory of a process (VmHWM), from /proc (Linux). */
    private static String peakRss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> line.replaceFirst("VmHWM:\\s*", "")).findFirst().orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** Sends a request {@code queries} times after 10 unmeasured ones, prints p50/p95 and returns the latencies. */
    private static List<Long> timed(HttpClient http, String name, int queries, java.util.function.Supplier<HttpRequest> request)
            throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < queries + 10; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(name + ": " + response.body());
            }
            if (i >= 10) {
                latencies.add(System.nanoTime() - t0);
            }
        }
        latencies.sort(Comparator.naturalOrder());
        System.out.printf("  %-34s p50 %6.1f ms  p95 %6.1f ms%n", name, percentile(latencies, 50), percentile(latencies, 95));
        return latencies;
    }

    private static int count(String body) {
        return (int) Json.readStored(body).path("Findings").size();
    }

    private static String eq(String value) {
        return "{\"Value\":\"" + value + "\",\"Comparison\":\"EQUALS\"}";
    }

    /** A batch of findings as a mix of detectors produces them: threats, CVEs and control checks. */
    static String batchBody(int batch, int size) {
        SplittableRandom random = new SplittableRandom(batch * 31L + 17);
        ObjectNode body = Json.object();
        ArrayNode findings = body.putArray("Findings");
        Instant now = Instant.now();
        for (int i = 0; i < size; i++) {
            findings.add(finding(random, batch * BATCH + i, now));
        }
        return Json.write(body);
    }

    private static ObjectNode finding(SplittableRandom random, int n, Instant now) {
        String account = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
        String region = REGIONS[random.nextInt(REGIONS.length)];
        String updated = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 30))).toString();
        ObjectNode f = Json.object();
        f.put("SchemaVersion", "2018-10-08");
        String resourceType = RESOURCE_TYPES[random.nextInt(RESOURCE_TYPES.length)];
        String resourceId = switch (resourceType) {
            case "AwsS3Bucket" -> "arn:aws:s3:::bucket-" + random.nextInt(2000);
            case "AwsIamRole" -> "arn:aws:iam::" + account + ":role/role-" + random.nextInt(500);
            default -> "arn:aws:ec2:" + region + ":" + account + ":instance/i-" + Long.toHexString(random.nextLong(1L << 40));
        };
        int kind = random.nextInt(3);
        String label = LABELS[random.nextInt(LABELS.length)];
        if (kind == 0) {
            f.put("ProductArn", "arn:aws:securityhub:" + region + "::product/aws/guardduty");
            f.put("Id", "arn:aws:guardduty:" + region + ":" + account + ":detector/bench/finding/" + n);
            f.put("GeneratorId", "arn:aws:guardduty:" + region + ":" + account + ":detector/bench");
            f.putArray("Types").add(TTPS[random.nextInt(TTPS.length)]);
            f.put("Title", "Suspicious activity on " + resourceType + " observed by GuardDuty");
            f.put("Description", "An API was invoked from an IP address on a threat list; the caller may be compromised.");
            f.putObject("Severity").put("Label", label).put("Original", Integer.toString(random.nextInt(1, 9)));
            f.putObject("Network").put("Direction", "IN").put("Protocol", "TCP").put("SourceIpV4", "198.51.100." + random.nextInt(255))
                    .put("SourcePort", random.nextInt(1024, 65535)).put("DestinationPort", 22);
        } else if (kind == 1) {
            String cve = "CVE-20" + (18 + random.nextInt(8)) + "-" + random.nextInt(1000, 50000);
            f.put("ProductArn", "arn:aws:securityhub:" + region + "::product/aws/inspector");
            f.put("Id", "arn:aws:inspector2:" + region + ":" + account + ":finding/" + n);
            f.put("GeneratorId", "AWSInspector");
            f.putArray("Types").add("Software and Configuration Checks/Vulnerabilities/CVE");
            f.put("Title", cve + " - openssl, libssl3");
            f.put("Description", "A flaw in the certificate verification of openssl allows a remote attacker to crash the process.");
            f.putObject("Severity").put("Label", label);
            ObjectNode vulnerability = f.putArray("Vulnerabilities").addObject();
            vulnerability.put("Id", cve).put("FixAvailable", random.nextBoolean() ? "YES" : "NO")
                    .put("ExploitAvailable", random.nextInt(5) == 0 ? "YES" : "NO").put("EpssScore", random.nextDouble());
            vulnerability.putArray("VulnerablePackages").addObject().put("Name", "openssl").put("Version", "3.0.2")
                    .put("FixedInVersion", "3.0.13").put("PackageManager", "OS");
            vulnerability.putArray("Cvss").addObject().put("Version", "3.1").put("BaseScore", random.nextInt(10, 100) / 10.0)
                    .put("BaseVector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        } else {
            String control = CONTROLS[random.nextInt(CONTROLS.length)];
            f.put("ProductArn", "arn:aws:securityhub:" + region + "::product/aws/securityhub");
            f.put("Id", "arn:aws:securityhub:" + region + ":" + account + ":security-control/" + control + "/finding/" + n);
            f.put("GeneratorId", "security-control/" + control);
            f.putArray("Types").add("Software and Configuration Checks/Industry and Regulatory Standards");
            f.put("Title", control + " control check");
            f.put("Description", "This control checks whether the resource is configured as the standard requires.");
            boolean failed = random.nextInt(3) > 0;
            f.putObject("Severity").put("Label", failed ? label : "INFORMATIONAL");
            ObjectNode compliance = f.putObject("Compliance").put("Status", failed ? "FAILED" : "PASSED").put("SecurityControlId", control);
            compliance.putArray("RelatedRequirements").add("CIS AWS Foundations Benchmark v1.2.0/1.1").add("PCI DSS v3.2.1/3.4");
            compliance.putArray("AssociatedStandards").addObject().put("StandardsId", "standards/aws-foundational-security-best-practices/v/1.0.0");
        }
        f.put("AwsAccountId", account);
        f.put("CreatedAt", updated);
        f.put("UpdatedAt", updated);
        f.put("FirstObservedAt", updated);
        f.put("LastObservedAt", updated);
        ObjectNode resource = f.putArray("Resources").addObject().put("Type", resourceType).put("Id", resourceId)
                .put("Partition", "aws").put("Region", region);
        resource.putObject("Tags").put("env", random.nextBoolean() ? "prod" : "dev").put("team", "team-" + random.nextInt(12));
        ObjectNode productFields = f.putObject("ProductFields");
        for (int i = 0; i < 6; i++) {
            productFields.put("bench/field-" + i, "value-" + random.nextInt(1000));
        }
        f.putObject("Remediation").putObject("Recommendation").put("Text", "Follow the documented remediation.")
                .put("Url", "https://docs.example.com/remediation/" + random.nextInt(100));
        return f;
    }

    /** User + system CPU of a process, from /proc (Linux); -1 elsewhere. */
    private static long cpuMillis(long pid) {
        try {
            String[] fields = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst("^.*\\) ", "").split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU of every local PostgreSQL process (the server this machine runs), -1 when there is none. */
    private static long databaseCpuMillis() {
        long total = 0;
        boolean found = false;
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            if (process.info().command().map(c -> c.contains("postgres")).orElse(false)) {
                long cpu = cpuMillis(process.pid());
                if (cpu >= 0) {
                    total += cpu;
                    found = true;
                }
            }
        }
        return found ? total : -1;
    }

    private static HttpRequest post(URI base, String path, String body) {
        return signed(base, "POST", path, body);
    }

    /** A request signed with SigV4 by the benchmark's administrator key, as the AWS CLI and SDKs sign theirs. */
    private static HttpRequest signed(URI base, String method, String path, String body) {
        URI uri = base.resolve(path);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(30)).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        SigV4Signing.sign(method, uri, Map.of("Content-Type", "application/json"), bytes, ACCESS_KEY_ID, SECRET_ACCESS_KEY,
                Instant.now()).headers().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Type")) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
        return request.build();
    }

    private static double percentile(List<Long> sortedNanos, int p) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, Math.min(index, sortedNanos.size() - 1))) / 1e6;
    }

    private static Process start(int port, String dbUrl, String dbUser) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package Muster first (./mvnw -Pbench verify does)");
        }
        List<String> command = new ArrayList<>(List.of("java", "-Xmx" + System.getProperty("bench.server.heap", "1g")));
        String options = System.getProperty("bench.server.options", "");
        if (!options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        if (System.getProperty("bench.phases", "").contains("kafka")) {
            // the findings stream on the Kafka broker of .ci/kafka/start, on a topic of its own
            command.addAll(List.of("-Dkafka.bootstrap.servers=127.0.0.1:9092",
                    "-Dmp.messaging.incoming.muster-findings.connector=smallrye-kafka",
                    "-Dmp.messaging.incoming.muster-findings.topic=" + KAFKA_TOPIC,
                    "-Dmp.messaging.incoming.muster-findings.group.id=" + KAFKA_TOPIC,
                    "-Dmp.messaging.outgoing.muster-findings-dead-letter.connector=smallrye-kafka",
                    "-Dmp.messaging.outgoing.muster-findings-dead-letter.topic=" + KAFKA_TOPIC + "-dead-letter"));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("MUSTER_DB_URL", dbUrl);
        builder.environment().put("MUSTER_DB_USERNAME", dbUser);
        builder.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        builder.environment().put("MUSTER_BOOTSTRAP_ACCESS_KEY_ID", ACCESS_KEY_ID);
        builder.environment().put("MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        builder.environment().put("MUSTER_AUTH_ENCRYPTION_KEY", "YmVuY2htYXJrLWtleS1ub3QtYS1zZWNyZXQtMDEyMzQ=");
        // Capacity, not the per-credential rate limit, is measured: queries answer faster than 100 a second.
        builder.environment().put("MUSTER_AUTH_RATE_LIMIT", System.getProperty("bench.rate-limit", "0"));
        builder.environment().put("MUSTER_COMPLIANCE_ENABLED", System.getProperty("bench.compliance", "true"));
        builder.environment().put("MUSTER_INSIGHT_MANAGED_COUNTS", System.getProperty("bench.insight.counts", "true"));
        builder.environment().put("MUSTER_GRAPH_ENABLED", System.getProperty("bench.graph", "true"));
        // the webhook receiver of the outbound phase listens on this machine
        builder.environment().put("MUSTER_OUTBOUND_ALLOWED_PRIVATE_TARGETS", "127.0.0.1");
        builder.environment().put("MUSTER_DATA_DIR", Path.of("target/bench-data").toAbsolutePath().toString());
        builder.redirectErrorStream(true).redirectOutput(Path.of("target/bench-server.log").toFile());
        return builder.start();
    }

    private static void awaitReady(HttpClient http, URI base, Process server) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Muster did not become ready; see target/bench-server.log");
    }

    /**
     * Vacuums and refreshes planner statistics, as autovacuum does on a default server after a bulk load
     * (this machine runs with it off); index-only scans depend on the visibility map it sets.
     */
    private static void analyze(String url, String user) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, System.getProperty("bench.db.password", ""));
                Statement statement = connection.createStatement()) {
            long t0 = System.nanoTime();
            statement.execute("VACUUM (ANALYZE)");
            System.out.printf("%nVACUUM (ANALYZE) after the import took %.1f s (autovacuum does this on a default PostgreSQL)%n",
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void recreatePostgres(String url, String user) throws Exception {
        String database = url.replaceFirst("^jdbc:postgresql://[^/]+/", "").replaceFirst("[?].*$", "");
        String admin = url.replaceFirst("/[^/?]+([?].*)?$", "/postgres");
        try (Connection connection = DriverManager.getConnection(admin, user, System.getProperty("bench.db.password", ""));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
